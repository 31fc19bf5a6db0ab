package io.memtune.api.template;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A template to compile and the way to the partials and parents it names, resolved for its tenant
 * (the tenant's file first, then {@code _shared}). The template service checks the whole closure before an
 * engine sees it: every name resolves, and no cycle of partials or parents can recurse forever.
 */
@ProviderType
public interface TemplateSource {

    String tenant();

    /** The template's name, e.g. {@code page.html}. */
    String name();

    /** The template's text. */
    String text();

    /**
     * The text of a partial or parent as the template names it ({@code {{>header}}} names {@code header}).
     *
     * @return empty when there is no such template (Mustache renders a missing partial as nothing)
     */
    Optional<String> include(String name);
}
