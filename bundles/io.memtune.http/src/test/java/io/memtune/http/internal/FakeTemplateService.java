package io.memtune.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

/** A template service that renders one text for every request, or, without one, answers that it is stopping. */
final class FakeTemplateService implements TemplateService {

    private final String output;
    final AtomicInteger calls = new AtomicInteger();

    /** @param output what every render writes; null: every render is refused as the service stopping */
    FakeTemplateService(String output) {
        this.output = output;
    }

    @Override
    public void render(String tenant, String template, Map<String, ?> context, Writer out) {
        calls.incrementAndGet();
        if (output == null) {
            throw new TemplateException(TemplateException.Kind.UNAVAILABLE, tenant, template, "stopping");
        }
        try {
            out.write(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void renderJson(String tenant, String template, InputStream json, Writer out) {
        render(tenant, template, Map.of(), out);
    }

    @Override
    public String contentType(String template) {
        return "text/plain";
    }

    @Override
    public List<String> tenants() {
        return List.of("acme");
    }

    @Override
    public List<TemplateInfo> templates(String tenant) {
        return List.of();
    }

    @Override
    public List<CacheTier> cacheTiers() {
        return List.of();
    }

    @Override
    public String mode() {
        return "optimized";
    }

    @Override
    public long evictCache(String tier) {
        return 0;
    }
}
