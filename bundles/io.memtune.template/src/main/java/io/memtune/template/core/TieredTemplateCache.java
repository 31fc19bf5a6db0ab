package io.memtune.template.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Interner;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import org.slf4j.LoggerFactory;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;
import io.memtune.api.template.TemplateFootprint;

/**
 * Two tiers for compiled templates, over one index of the pages found ({@link PageIndex}: one {@link TemplateKey} a
 * page, which both tiers use):
 * <ol>
 * <li><b>memory</b>: compiled templates, bounded by their estimated retained bytes and their entries' own (Caffeine,
 * W-TinyLFU);</li>
 * <li><b>disk</b>: each page's checked closure of sources ({@link DiskTier}: content-addressed segment files, a
 * {@code long} in the page's key), bounded in bytes, so that a template evicted from memory costs a recompile from
 * one read, not a walk of tenant and shared directories and a closure check.</li>
 * </ol>
 * A change to a file drops from both tiers every page of that tenant (every tenant, for {@code _shared}) whose closure
 * holds that name. Pages the memory tier had dropped and compiles again are counted as its reloads; a budget smaller
 * than one template is not an error (the template is compiled for the render and not kept: counted as rejected), and
 * neither is a disk tier that cannot hold the repository (what it cannot hold is read from the repository).
 */
public final class TieredTemplateCache {

    private final PageIndex pages;
    private final UnaryOperator<String> intern;
    /** Every page of a design has the same names: one set for all of them. */
    private final Interner<Set<String>> nameSets = Interner.newWeakInterner();
    private final Cache<TemplateKey, CachedTemplate> memory;
    private final long memoryBytes;
    private final DiskTier disk;
    private final AtomicLong repositoryLoads = new AtomicLong();
    private final AtomicLong memoryReloads = new AtomicLong();
    private final AtomicLong memoryRejected = new AtomicLong();
    private final AtomicBoolean memoryWarned = new AtomicBoolean();
    private final AtomicBoolean diskWarned = new AtomicBoolean();
    /**
     * The file changes seen, newest last, numbered: a compile that read its files before a change that
     * concerns it and finished after it (so the invalidation could not see it) starts again, instead of
     * caching what the file no longer says.
     */
    private final AtomicLong changes = new AtomicLong();
    private final ConcurrentLinkedDeque<Seen> recentChanges = new ConcurrentLinkedDeque<>();

    /** How many recent changes are remembered; a compile that overlapped more than that starts again anyway. */
    private static final int REMEMBERED_CHANGES = 1024;

    /** A change and its number. */
    private record Seen(long number, TemplateRepository.TemplateChange change) {
    }

    /**
     * With an interner of its own for template names.
     *
     * @param memoryBytes budget of the memory tier (estimated retained bytes)
     * @param directory where the disk tier writes, or null for no disk tier
     * @param diskBytes budget of the disk tier (file bytes)
     */
    public TieredTemplateCache(long memoryBytes, Path directory, long diskBytes) throws IOException {
        this(memoryBytes, directory, diskBytes, Interner.<String>newWeakInterner()::intern);
    }

    /** @param intern the one string for a template name ({@link TemplateRepository#intern}: shared with the watcher) */
    public TieredTemplateCache(long memoryBytes, Path directory, long diskBytes, UnaryOperator<String> intern)
            throws IOException {
        this.memoryBytes = memoryBytes;
        this.intern = intern;
        this.pages = new PageIndex(intern);
        this.memory = Caffeine.newBuilder()
                .maximumWeight(memoryBytes)
                .weigher((TemplateKey k, CachedTemplate v) -> (int) Math.min(Integer.MAX_VALUE, weight(v.compiled())))
                .executor(Runnable::run) // maintenance on the caller: no pool thread, predictable counts
                .recordStats()
                .build();
        this.disk = directory == null || diskBytes <= 0 ? null : new DiskTier(directory, diskBytes);
    }

    /** What an entry of the memory tier holds: its compiled form and the entry itself. */
    private static long weight(CompiledTemplate compiled) {
        return compiled.estimatedBytes() + ServiceFootprint.MEMORY_ENTRY;
    }

    /** The pages found, with their keys. */
    public PageIndex pages() {
        return pages;
    }

    /**
     * The compiled template, from memory, else recompiled from the disk tier, else loaded (and checked)
     * from the repository and compiled.
     *
     * @param key the page (its indexed key is used, added when missing)
     * @param load reads and checks the closure from the repository
     * @param engine compiles a closure
     */
    public CachedTemplate get(TemplateKey key, Supplier<TemplateClosure> load, TemplateEngine engine) {
        TemplateKey page = pages.add(key.tenant(), key.name());
        CachedTemplate cached = memory.policy().getIfPresentQuietly(page);
        if (cached != null && cached.engine() != engine) {
            memory.invalidate(page); // compiled by an engine that has been replaced
        }
        cached = memory.get(page, k -> compile(page, load, engine));
        // a change may have been numbered after the compile's own check and before Caffeine stored the
        // result, where the invalidation could not see it: once a change was seen since the entry was
        // stamped, look (once per entry and change: the stamp moves on) and compile again if it concerns it
        for (int attempt = 1; attempt < 5; attempt++) {
            long now = changes.get();
            if (cached.changesBefore() == now) {
                return cached;
            }
            if (!changedMeanwhile(cached.changesBefore(), page.tenant(), cached.names())) {
                CachedTemplate stamped = cached.stampedAt(now);
                memory.asMap().replace(page, cached, stamped);
                return stamped;
            }
            memory.asMap().remove(page, cached);
            releaseDisk(page);
            cached = memory.get(page, k -> compile(page, load, engine));
        }
        return cached;
    }

    private CachedTemplate compile(TemplateKey page, Supplier<TemplateClosure> load, TemplateEngine engine) {
        for (int attempt = 1;; attempt++) {
            long before = changes.get();
            TemplateClosure fromDisk = disk == null ? null : disk.read(page.disk, page.tenant(), page.name(), intern);
            TemplateClosure closure = fromDisk != null ? fromDisk : loadFromRepository(page, load);
            Set<String> names = names(closure);
            page.names = names;
            CompiledTemplate compiled = engine.compile(closure);
            if (attempt < 5 && changedMeanwhile(before, page.tenant(), names)) {
                releaseDisk(page); // it may hold what was read before the change
                continue;
            }
            if (page.compiled) {
                memoryReloads.incrementAndGet();
            }
            page.compiled = true;
            if (weight(compiled) > memoryBytes) {
                memoryRejected.incrementAndGet(); // Caffeine drops it at once: compiled for this render alone
                warnOnce(memoryWarned, () -> page + " takes about " + weight(compiled) + " bytes compiled, more than the whole"
                        + " memory tier (cache.memory.bytes = " + memoryBytes + "): it is compiled for every render"
                        + " (memtune.template.cache.rejected{tier=memory}); raise cache.memory.bytes of io.memtune.template");
            }
            return new CachedTemplate(compiled, engine, names, System.currentTimeMillis(), before);
        }
    }

    /** Reads and checks the closure from the repository, and offers it to the disk tier. */
    private TemplateClosure loadFromRepository(TemplateKey page, Supplier<TemplateClosure> load) {
        TemplateClosure closure = load.get();
        if (disk == null) {
            repositoryLoads.incrementAndGet();
            return closure;
        }
        long location = disk.write(closure);
        if (location == DiskTier.NONE) {
            warnOnce(diskWarned, () -> "the disk tier (cache.disk.bytes = " + disk.budget() + ", segments of "
                    + disk.segmentBytes() + " bytes) cannot take the sources of " + page + " ("
                    + DiskTier.recordBytes(closure) + " bytes), or its directory cannot be written: such pages are read"
                    + " from the repository at every memory miss (memtune.template.cache.rejected{tier=disk}); raise"
                    + " cache.disk.bytes of io.memtune.template");
        }
        disk.assign(page, location);
        return closure;
    }

    /** Once per tier and cache: the counters say how often since. */
    private static void warnOnce(AtomicBoolean warned, Supplier<String> message) {
        if (!warned.get() && warned.compareAndSet(false, true)) {
            LoggerFactory.getLogger(TieredTemplateCache.class).warn(message.get());
        }
    }

    /** The closure's names as the one interned set of every page made of the same names. */
    private Set<String> names(TemplateClosure closure) {
        String[] interned = closure.texts().keySet().stream().map(intern).toArray(String[]::new);
        return nameSets.intern(Set.of(interned));
    }

    /** Whether a change numbered after {@code before} concerns a template of {@code tenant} made of {@code names}. */
    private boolean changedMeanwhile(long before, String tenant, Set<String> names) {
        if (changes.get() == before) {
            return false;
        }
        Seen oldest = recentChanges.peekFirst();
        if (oldest == null || oldest.number() > before + 1) {
            return true; // forgotten: assume it did
        }
        for (Seen seen : recentChanges) {
            if (seen.number() > before && seen.change().concerns(tenant) && names.contains(seen.change().name())) {
                return true;
            }
        }
        return false;
    }

    private void releaseDisk(TemplateKey page) {
        if (disk != null) {
            disk.release(page);
        }
    }

    /** A look without effect on statistics or eviction order (listings). */
    public Optional<CachedTemplate> inMemory(TemplateKey key) {
        return Optional.ofNullable(memory.policy().getIfPresentQuietly(key));
    }

    /** A look without effect on eviction order (listings). */
    public boolean onDisk(TemplateKey key) {
        TemplateKey page = pages.find(key.tenant(), key.name());
        return disk != null && page != null && disk.holds(page);
    }

    /**
     * A file changed: every page of the directory's tenant (every tenant's for {@code _shared}) whose closure holds the
     * name leaves both tiers, and the pages of that name are looked for on disk again at their next render.
     */
    public synchronized void invalidate(TemplateRepository.TemplateChange change) {
        // numbered before anything is dropped, so a compile finishing meanwhile sees it (changedMeanwhile)
        recentChanges.addLast(new Seen(changes.get() + 1, change));
        changes.incrementAndGet();
        while (recentChanges.size() > REMEMBERED_CHANGES) {
            recentChanges.pollFirst();
        }
        pages.forDirectory(change.directory(), page -> {
            if (page.name().equals(change.name())) {
                page.found = false;
            }
            Set<String> names = page.names;
            CachedTemplate cached = memory.policy().getIfPresentQuietly(page);
            if (names != null && names.contains(change.name()) || cached != null && cached.names().contains(change.name())) {
                releaseDisk(page); // the disk tier first: a memory miss meanwhile must not find the old sources there
                memory.invalidate(page);
                page.compiled = false; // its next compile is of a new version, not a reload
            }
        });
    }

    /** A page whose file is gone: out of the index and both tiers. */
    public void forget(TemplateKey key) {
        TemplateKey page = pages.find(key.tenant(), key.name());
        if (page != null) {
            pages.remove(page);
            releaseDisk(page);
            memory.invalidate(page);
        }
    }

    /** The engine went: nothing it compiled may stay, and what compiles next is no reload. */
    public void clearMemory() {
        memory.invalidateAll();
        pages.forEach(page -> page.compiled = false);
    }

    /** Empties one tier by name; how many entries it held. */
    public long evict(String tier) {
        switch (tier) {
            case "memory": {
                long n = memory.estimatedSize();
                memory.invalidateAll();
                return n;
            }
            case "disk":
                return disk == null ? 0 : disk.clear();
            default:
                throw new IllegalArgumentException("no cache tier '" + tier + "': the tiers are memory and disk");
        }
    }

    public void clear() {
        memory.invalidateAll();
        if (disk != null) {
            disk.clear();
        }
    }

    private long memoryWeight() {
        return memory.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public List<CacheTier> tiers() {
        memory.cleanUp();
        CacheStats stats = memory.stats();
        // the weights are the bytes, summed by the cache as it goes: iterating the entries for it, for each of the
        // dozen cache gauges every time the metric history samples them, was 3 % of a loaded server's CPU
        List<CacheTier> tiers = new ArrayList<>();
        tiers.add(new CacheTier("memory", memory.estimatedSize(), memoryWeight(), memoryBytes, stats.hitCount(),
                stats.missCount(), stats.evictionCount(), memoryReloads.get(), memoryRejected.get()));
        if (disk == null) {
            tiers.add(new CacheTier("disk", 0, 0, 0, 0, repositoryLoads.get(), 0, 0, 0));
        } else {
            tiers.add(new CacheTier("disk", disk.entries(), disk.bytes(), disk.budget(), disk.hits(), disk.misses(),
                    disk.evictions(), disk.hits(), disk.rejected()));
        }
        return tiers;
    }

    /** What the index and the tiers hold in the heap, by part (the watcher's and the metrics' are their owners'). */
    public List<TemplateFootprint.Part> footprint() {
        memory.cleanUp();
        long entries = memory.estimatedSize();
        long weight = memoryWeight();
        List<TemplateFootprint.Part> parts = new ArrayList<>();
        long keys = pages.pages();
        parts.add(ServiceFootprint.pageKeys(keys));
        parts.add(ServiceFootprint.tenantIndex(pages.tenants(), pages.estimatedBytes() - keys * ServiceFootprint.KEY_SLOT));
        parts.add(ServiceFootprint.memoryTier(entries));
        parts.add(ServiceFootprint.compiled(entries, Math.max(0, weight - entries * ServiceFootprint.MEMORY_ENTRY)));
        if (disk != null) {
            DiskTier.Index index = disk.index();
            parts.add(ServiceFootprint.diskIndex(index.records(), index.bytes()));
        }
        return parts;
    }
}
