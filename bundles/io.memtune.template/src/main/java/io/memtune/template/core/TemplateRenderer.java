package io.memtune.template.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateException.Kind;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

/**
 * The template service's logic, in both modes: {@code baseline} renders through plain Mustache.java
 * ({@link BaselineRenderer}); {@code optimized} through the best {@link TemplateEngine} present and the
 * {@link TieredTemplateCache}. Both merge the asset URLs into the context as {@code assets}, and both answer
 * with the same {@link TemplateException}s.
 */
public final class TemplateRenderer implements TemplateService {

    public static final String BASELINE = "baseline";
    public static final String OPTIMIZED = "optimized";

    private final TemplateRepository repository;
    private final JsonContexts contexts;
    private final TieredTemplateCache cache;
    private final BaselineRenderer baseline;
    private final String mode;
    private final Supplier<TemplateEngine> engine;
    private final Supplier<Map<String, String>> assets;
    /** Only templates whose last render failed to compile, by their indexed key. */
    private final Map<TemplateKey, String> lastErrors = new ConcurrentHashMap<>();
    /**
     * The pages found on disk, one key each ({@link TemplateKey#found}): a render of one of them probes no file (two
     * or three {@code stat}s a render otherwise). The watcher's changes clear the flag of the pages of the changed
     * name (a deletion at once), and a page found gone leaves the index, so it holds no more than the repository has.
     */
    private final PageIndex pages;
    /** Bumped by every change the watcher reports, so a look at the disk that a change overtook is not remembered. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param engine the engine to use in optimized mode (never null: the bundle's own at least)
     * @param assets the asset URLs (the asset catalog's), or a supplier of null when there is none
     */
    public TemplateRenderer(TemplateRepository repository, JsonContexts contexts, TieredTemplateCache cache,
            String mode, Supplier<TemplateEngine> engine, Supplier<Map<String, String>> assets) {
        this(repository, contexts, cache, mode, false, engine, assets);
    }

    /**
     * @param baselinePartialsCached in baseline mode, serve partials and parents from each tenant's factory cache
     *     (Mustache.java tuned by hand: the benchmarks' "tuned") instead of compiling them at every inclusion
     */
    public TemplateRenderer(TemplateRepository repository, JsonContexts contexts, TieredTemplateCache cache,
            String mode, boolean baselinePartialsCached, Supplier<TemplateEngine> engine,
            Supplier<Map<String, String>> assets) {
        if (!BASELINE.equals(mode) && !OPTIMIZED.equals(mode)) {
            throw new IllegalArgumentException("mode must be 'baseline' or 'optimized', not '" + mode + "'");
        }
        this.repository = repository;
        this.contexts = contexts;
        this.cache = cache;
        this.pages = cache.pages();
        this.baseline = new BaselineRenderer(repository, baselinePartialsCached);
        this.mode = mode;
        this.engine = engine;
        this.assets = assets;
    }

    @Override
    public void render(String tenant, String template, Map<String, ?> context, Writer out) {
        checkAddress(tenant, template);
        render(tenant, template, () -> withAssets(context), null, out);
    }

    @Override
    public void renderJson(String tenant, String template, InputStream json, Writer out) {
        checkAddress(tenant, template);
        if (BASELINE.equals(mode)) {
            Map<String, Object> context = contexts.readObject(json);
            render(tenant, template, () -> addAssets(context), null, out);
            return;
        }
        // the engine may know which names the template can read: the rest of the JSON is skipped, not built.
        // The JSON is read before a compile failure is reported, as in baseline mode.
        CachedTemplate cached = null;
        TemplateException failure = null;
        try {
            cached = compiled(tenant, template);
        } catch (TemplateException e) {
            failure = e;
        }
        CompiledTemplate compiled = cached == null ? null : cached.compiled();
        Map<String, Object> context = compiled == null ? contexts.readObject(json)
                : contexts.readObject(json, compiled.readNames(), compiled.printedNames(), compiled.scopePrintingSections());
        CachedTemplate found = cached;
        TemplateException refused = failure;
        render(tenant, template, () -> addAssets(context), () -> {
            if (refused != null) {
                throw refused;
            }
            return found;
        }, out);
    }

    /**
     * @param compiled the compiled template when already looked up (optimized mode), else null
     */
    private void render(String tenant, String template, Supplier<Map<String, ?>> context, Supplier<CachedTemplate> compiled,
            Writer out) {
        Map<String, ?> scope = context.get();
        try {
            if (BASELINE.equals(mode)) {
                baseline.render(tenant, template, scope, out);
            } else {
                CachedTemplate cached = compiled != null ? compiled.get() : compiled(tenant, template);
                cached.compiled().execute(scope, out);
            }
            if (!lastErrors.isEmpty()) {
                lastErrors.remove(key(tenant, template));
            }
        } catch (TemplateException e) {
            if (e.kind() == Kind.COMPILE_ERROR || e.kind() == Kind.NOT_FOUND && e.line() > 0) {
                lastErrors.put(key(tenant, template), e.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the output of " + tenant + "/" + template + " failed", e);
        }
    }

    /** The page's indexed key (every address that reaches a render was found: checkAddress). */
    private TemplateKey key(String tenant, String template) {
        return pages.add(tenant, template);
    }

    /** With the key's interned tenant and name: what the compiled form keeps of them is the index's strings. */
    private CachedTemplate compiled(String tenant, String template) {
        TemplateKey key = key(tenant, template);
        return cache.get(key, () -> TemplateClosure.load(repository, key.tenant(), key.name()), engine.get());
    }

    /** Validates tenant and template before any file is touched: unknown is 404, not a file-system probe. */
    private void checkAddress(String tenant, String template) {
        TemplateKey known = tenant == null || template == null ? null : pages.find(tenant, template);
        if (known != null && known.found) {
            return;
        }
        long changesBefore = changes.get();
        if (!repository.hasTenant(tenant)) {
            forgetIfGone(known);
            throw BaselineRenderer.unknownTenant(tenant, repository);
        }
        if (!TemplateRepository.isTemplateName(template) || repository.resolve(tenant, template).isEmpty()) {
            forgetIfGone(known);
            throw new TemplateException(Kind.NOT_FOUND, tenant, template, "no template '" + template + "' for tenant '"
                    + tenant + "' (looked in " + repository.lookedIn(tenant, String.valueOf(template)) + ")");
        }
        TemplateKey key = known != null ? known : pages.add(tenant, template);
        key.found = true;
        if (changes.get() != changesBefore) {
            key.found = false; // a change came in while we looked: the next render looks again
        }
    }

    /** A page indexed once and found gone: its key and whatever the tiers hold of it go. */
    private void forgetIfGone(TemplateKey known) {
        if (known != null) {
            cache.forget(known);
            lastErrors.remove(known);
        }
    }

    /** A caller's context with {@code assets} added: a copy, since the caller's map is not ours to change. */
    private Map<String, ?> withAssets(Map<String, ?> context) {
        Map<String, String> urls = assets.get();
        if (urls == null || context.containsKey("assets")) {
            return context;
        }
        Map<String, Object> scope = new LinkedHashMap<>(context);
        scope.put("assets", urls);
        return scope;
    }

    /** A context read for this render with {@code assets} added in place: no copy of what was just built. */
    private Map<String, ?> addAssets(Map<String, Object> context) {
        Map<String, String> urls = assets.get();
        if (urls != null && !context.containsKey("assets")) {
            context.put("assets", urls);
        }
        return context;
    }

    /** A template file changed (found stable by the watcher). */
    public void invalidate(TemplateRepository.TemplateChange change) {
        changes.incrementAndGet(); // before the flags are cleared: see checkAddress
        cache.invalidate(change); // the pages of that name are looked for again, and what included it is dropped
        baseline.invalidate(change);
        lastErrors.keySet().removeIf(k -> change.concerns(k.tenant()));
    }

    /** The engine was replaced or went away: nothing it compiled may stay (it holds its bundle's classes). */
    public void engineChanged() {
        cache.clearMemory();
    }

    @Override
    public String contentType(String template) {
        return ContentTypes.of(template);
    }

    @Override
    public List<String> tenants() {
        return repository.tenants();
    }

    @Override
    public List<TemplateInfo> templates(String tenant) {
        if (tenant != null && !repository.hasTenant(tenant)) {
            throw BaselineRenderer.unknownTenant(tenant, repository);
        }
        List<TemplateInfo> infos = new ArrayList<>();
        for (String t : tenant == null ? repository.tenants() : List.of(tenant)) {
            for (String name : repository.names(t)) {
                infos.add(info(new TemplateKey(t, name)));
            }
        }
        return infos;
    }

    private TemplateInfo info(TemplateKey key) {
        Optional<Path> file = repository.resolve(key.tenant(), key.name());
        String source = file.map(p -> p.startsWith(repository.root().resolve(key.tenant())) ? key.tenant()
                : TemplateRepository.SHARED).orElse("-");
        long size = file.map(TemplateRenderer::size).orElse(0L);
        Optional<CachedTemplate> cached = cache.inMemory(key);
        String error = lastErrors.isEmpty() ? null : lastErrors.get(key);
        String tier = cached.isPresent() ? "memory" : cache.onDisk(key) ? "disk" : "none";
        return new TemplateInfo(key.tenant(), key.name(), source, size,
                cached.map(c -> c.compiled().estimatedBytes()).orElse(0L), tier,
                cached.map(CachedTemplate::compiledAt).orElse(null), error);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public List<CacheTier> cacheTiers() {
        return cache.tiers();
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public long evictCache(String tier) {
        return cache.evict(tier);
    }

    /**
     * What the service holds for its repository: the page index and the tiers (the cache's parts), the watcher's
     * file states, the per-tenant metrics; in baseline mode the compiled templates are Mustache.java's factories,
     * which nothing here estimates (their count is given).
     */
    public TemplateFootprint footprint(RepositoryWatcher.Held files, long tenantMetricsBytes) {
        List<TemplateFootprint.Part> parts = new ArrayList<>(cache.footprint());
        if (BASELINE.equals(mode)) {
            parts.add(new TemplateFootprint.Part("baseline-factories", TemplateFootprint.Scale.CONTENT,
                    baseline.compiledCount(), 0, "templates compiled by Mustache.java's per-tenant factories (not estimated)"));
        }
        parts.add(ServiceFootprint.fileStates(files.files()));
        parts.add(ServiceFootprint.directoryStates(files.tenants(), files.bytes() - files.files() * ServiceFootprint.FILE_STATE));
        parts.add(ServiceFootprint.tenantMetrics(files.tenants(), tenantMetricsBytes));
        return new TemplateFootprint(Math.max(pages.tenants(), files.tenants()), pages.pages(), files.files(), parts);
    }

    public TemplateRepository repository() {
        return repository;
    }

    public JsonContexts contexts() {
        return contexts;
    }
}
