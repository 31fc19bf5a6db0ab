package io.memtune.api.template;

import java.io.InputStream;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Renders the templates of a multi-tenant repository: {@code <root>/<tenant>/<name>.mustache}, with
 * {@code <root>/_shared/} as the fallback for every name a tenant does not override.
 *
 * <p>A template is addressed by its name without {@code .mustache}: {@code page.html} is the file
 * {@code page.html.mustache}, served as {@code text/html}.
 */
@ProviderType
public interface TemplateService {

    /**
     * Renders with a context already in memory.
     *
     * @throws TemplateException naming what failed and where (unknown template, compile or render error)
     */
    void render(String tenant, String template, Map<String, ?> context, Writer out);

    /**
     * Renders with a context read from JSON (a JSON object).
     *
     * @throws TemplateException also for a body that is not a JSON object ({@link TemplateException.Kind#BAD_CONTEXT})
     */
    void renderJson(String tenant, String template, InputStream json, Writer out);

    /** The content type a template's output is served with, from its secondary extension. */
    String contentType(String template);

    /** The tenants of the repository (without {@code _shared}), sorted. */
    List<String> tenants();

    /**
     * What the service knows of each template of a tenant (every tenant's when {@code tenant} is null).
     *
     * @throws TemplateException of kind {@link TemplateException.Kind#NOT_FOUND} for an unknown tenant
     */
    List<TemplateInfo> templates(String tenant);

    /** The tiers of the template cache, hottest first. */
    List<CacheTier> cacheTiers();

    /** {@code baseline} (plain Mustache.java) or {@code optimized} (the best {@link TemplateEngine} present). */
    String mode();

    /**
     * Empties a tier of the template cache (an alert's action under memory pressure): {@code memory}
     * drops every compiled template, which recompiles from the disk tier on its next use.
     *
     * @return how many entries were dropped
     * @throws IllegalArgumentException for a tier that does not exist
     */
    long evictCache(String tier);

    /**
     * (1.4) What the service holds in the heap for its repository, by part: page index and keys, cache entries, the
     * disk tier's index, the watcher's file states, per-tenant metrics, and the compiled templates as their engine
     * estimates them. Null when the implementation cannot tell.
     */
    default TemplateFootprint footprint() {
        return null;
    }
}
