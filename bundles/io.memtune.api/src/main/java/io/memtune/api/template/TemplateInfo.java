package io.memtune.api.template;

import java.time.Instant;

/**
 * One template of a tenant, as the service holds it now.
 *
 * @param tenant the tenant
 * @param name the template's name ({@code page.html})
 * @param source where the file was found: {@code tenant} or {@code _shared}
 * @param sourceBytes the size of the template's own file
 * @param estimatedBytes the estimated heap retained by its compiled form, 0 when not compiled now
 * @param tier the cache tier that holds it: {@code memory}, {@code disk} or {@code none}
 * @param compiledAt when it was last compiled, or null
 * @param lastError the last compile error, or null
 */
public record TemplateInfo(String tenant, String name, String source, long sourceBytes, long estimatedBytes, String tier,
        Instant compiledAt, String lastError) {
}
