package io.memtune.template.core;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.Mustache;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/**
 * Baseline mode: Mustache.java used as its documentation shows, the fair comparison for every memory and
 * concurrency figure. One {@code DefaultMustacheFactory} per tenant, resolving names in the tenant's
 * directory and then {@code _shared}, with its own (unbounded) cache of compiled templates; a
 * {@code StringWriter} per render. The only additions: the repository's closure check runs once before a
 * template's first compile, so that a cycle is an error and not a stack overflow; a stack overflow all the
 * same (thousands of nested sections) is an error about the template; and a changed file drops the
 * factories that may hold it.
 */
public final class BaselineRenderer {

    private final TemplateRepository repository;
    private final Map<String, TenantFactory> factories = new ConcurrentHashMap<>();

    /** A tenant's factory and the templates already checked through it. */
    private record TenantFactory(RepositoryMustacheFactory factory, Set<String> checked) {
    }

    private final boolean cachePartials;

    /** Baseline mode: stock Mustache.java, a factory per tenant, partials compiled at every inclusion. */
    public BaselineRenderer(TemplateRepository repository) {
        this(repository, false);
    }

    /**
     * @param cachePartials serve partials and parents from the factory's cache (Mustache.java tuned by hand:
     *        the baseline the benchmarks call "tuned"), instead of compiling them at every inclusion
     */
    public BaselineRenderer(TemplateRepository repository, boolean cachePartials) {
        this.repository = repository;
        this.cachePartials = cachePartials;
    }

    public void render(String tenant, String name, Map<String, ?> context, Writer out) throws IOException {
        TenantFactory tenantFactory = factories.computeIfAbsent(tenant, this::newFactory);
        if (!tenantFactory.checked().contains(name)) {
            TemplateClosure.load(repository, tenant, name);
            tenantFactory.checked().add(name);
        }
        Mustache mustache = MustacheErrors.compiling(tenant, name,
                () -> tenantFactory.factory().compile(name + TemplateRepository.SUFFIX));
        StringWriter buffer = new StringWriter();
        MustacheErrors.rendering(tenant, name, () -> mustache.execute(buffer, context).flush());
        out.write(buffer.toString());
    }

    /** A file changed: drop every factory that may have compiled it. */
    public void invalidate(TemplateRepository.TemplateChange change) {
        factories.keySet().removeIf(change::concerns);
    }

    public void clear() {
        factories.clear();
    }

    /** How many templates the baseline factories hold compiled (their caches are not bounded). */
    public long compiledCount() {
        return factories.values().stream().mapToLong(f -> f.checked().size()).sum();
    }

    private TenantFactory newFactory(String tenant) {
        RepositoryMustacheFactory factory = new RepositoryMustacheFactory(name -> repository.read(tenant, name)
                .map(TemplateRepository.TemplateFile::text).orElse(null), cachePartials, Set.of());
        return new TenantFactory(factory, ConcurrentHashMap.newKeySet());
    }

    /** For the error of an unknown tenant, the same in both modes. */
    static TemplateException unknownTenant(String tenant, TemplateRepository repository) {
        return new TemplateException(Kind.NOT_FOUND, tenant, null,
                "unknown tenant '" + tenant + "'");
    }
}
