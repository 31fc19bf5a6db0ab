package io.memtune.template.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import io.memtune.api.template.CacheTier;
import io.memtune.api.template.CompiledTemplate;
import io.memtune.api.template.TemplateEngine;

/**
 * Two tiers for compiled templates:
 * <ol>
 * <li><b>memory</b>: compiled templates, bounded by their estimated retained bytes (Caffeine, W-TinyLFU);</li>
 * <li><b>disk</b>: each template's checked closure of sources as one small file, bounded in bytes, so that a
 * template evicted from memory costs a recompile from one read, not a walk of tenant and shared
 * directories and a closure check.</li>
 * </ol>
 * A change to a file drops from both tiers every entry whose closure holds that name for that tenant.
 */
public final class TieredTemplateCache {

    private final Cache<TemplateKey, CachedTemplate> memory;
    private final long memoryBytes;
    private final Cache<TemplateKey, DiskEntry> disk;
    private final long diskBytes;
    private final Path directory;
    /**
     * With a type cache of its own: Jackson's shared default one would keep {@code Snapshot}, and with it this bundle's
     * class loader, after the bundle is updated (a leak the profiler's leak check found).
     */
    private final ObjectMapper json = JsonMapper.builder()
            .typeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<Object, JavaType>(16, 64))).build();
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong diskMisses = new AtomicLong();
    /**
     * The file changes seen, newest last, numbered: a compile that read its files before a change that
     * concerns it and finished after it (so the invalidation could not see it) starts again, instead of
     * caching what the file no longer says.
     */
    private final AtomicLong changes = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedDeque<Seen> recentChanges = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** How many recent changes are remembered; a compile that overlapped more than that starts again anyway. */
    private static final int REMEMBERED_CHANGES = 1024;

    /** A change and its number. */
    private record Seen(long number, TemplateRepository.TemplateChange change) {
    }
    private final AtomicLong diskEvictions = new AtomicLong();

    /** A closure on disk. @param names its templates, for invalidation */
    private record DiskEntry(Path file, long bytes, Set<String> names) {
    }

    /** The file format of the disk tier. */
    private record Snapshot(String tenant, String name, Map<String, String> texts, Map<String, String> origins) {
    }

    /**
     * @param memoryBytes budget of the memory tier (estimated retained bytes)
     * @param directory where the disk tier writes, or null for no disk tier
     * @param diskBytes budget of the disk tier (file bytes)
     */
    public TieredTemplateCache(long memoryBytes, Path directory, long diskBytes) throws IOException {
        this.memoryBytes = memoryBytes;
        this.diskBytes = diskBytes;
        this.directory = directory;
        this.memory = Caffeine.newBuilder()
                .maximumWeight(memoryBytes)
                .weigher((TemplateKey k, CachedTemplate v) -> (int) Math.min(Integer.MAX_VALUE, v.compiled().estimatedBytes()))
                .executor(Runnable::run) // maintenance on the caller: no pool thread, predictable counts
                .recordStats()
                .build();
        if (directory != null) {
            deleteRecursively(directory); // a previous run's files are not indexed: start empty
            Files.createDirectories(directory);
        }
        this.disk = Caffeine.newBuilder()
                .maximumWeight(diskBytes)
                .weigher((TemplateKey k, DiskEntry v) -> (int) Math.min(Integer.MAX_VALUE, v.bytes()))
                .executor(Runnable::run)
                .removalListener((TemplateKey k, DiskEntry v, RemovalCause cause) -> {
                    if (v != null) {
                        deleteQuietly(v.file());
                    }
                    if (cause.wasEvicted()) {
                        diskEvictions.incrementAndGet();
                    }
                })
                .build();
    }

    /**
     * The compiled template, from memory, else recompiled from the disk tier, else loaded (and checked)
     * from the repository and compiled.
     *
     * @param load reads and checks the closure from the repository
     * @param engine compiles a closure
     */
    public CachedTemplate get(TemplateKey key, Supplier<TemplateClosure> load, TemplateEngine engine) {
        CachedTemplate cached = memory.policy().getIfPresentQuietly(key);
        if (cached != null && cached.engine() != engine) {
            memory.invalidate(key); // compiled by an engine that has been replaced
        }
        cached = memory.get(key, k -> compile(k, load, engine));
        // a change may have been numbered after the compile's own check and before Caffeine stored the
        // result, where the invalidation could not see it: once a change was seen since the entry was
        // stamped, look (once per entry and change: the stamp moves on) and compile again if it concerns it
        for (int attempt = 1; attempt < 5; attempt++) {
            long now = changes.get();
            if (cached.changesBefore() == now) {
                return cached;
            }
            if (!changedMeanwhile(cached.changesBefore(), key.tenant(), cached.names())) {
                CachedTemplate stamped = cached.stampedAt(now);
                memory.asMap().replace(key, cached, stamped);
                return stamped;
            }
            memory.asMap().remove(key, cached);
            disk.invalidate(key);
            cached = memory.get(key, k -> compile(k, load, engine));
        }
        return cached;
    }

    private CachedTemplate compile(TemplateKey key, Supplier<TemplateClosure> load, TemplateEngine engine) {
        for (int attempt = 1;; attempt++) {
            long before = changes.get();
            TemplateClosure closure = readDisk(key).orElseGet(() -> {
                TemplateClosure loaded = load.get();
                writeDisk(key, loaded);
                return loaded;
            });
            CompiledTemplate compiled = engine.compile(closure);
            if (attempt < 5 && changedMeanwhile(before, key.tenant(), closure.texts().keySet())) {
                disk.invalidate(key); // it may hold what was read before the change
                continue;
            }
            return new CachedTemplate(compiled, engine, closure.texts().keySet(), Instant.now(), closure.sourceChars(), before);
        }
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

    /** A look without effect on statistics or eviction order (listings). */
    public Optional<CachedTemplate> inMemory(TemplateKey key) {
        return Optional.ofNullable(memory.policy().getIfPresentQuietly(key));
    }

    /** A look without effect on eviction order (listings). */
    public boolean onDisk(TemplateKey key) {
        return disk.policy().getIfPresentQuietly(key) != null;
    }

    /** Drops every entry a changed file may be part of. */
    public synchronized void invalidate(TemplateRepository.TemplateChange change) {
        // numbered before anything is dropped, so a compile finishing meanwhile sees it (changedMeanwhile)
        recentChanges.addLast(new Seen(changes.get() + 1, change));
        changes.incrementAndGet();
        while (recentChanges.size() > REMEMBERED_CHANGES) {
            recentChanges.pollFirst();
        }
        // the disk tier first: a memory miss meanwhile must not find the old sources there
        disk.asMap().entrySet().removeIf(e -> change.concerns(e.getKey().tenant()) && e.getValue().names().contains(change.name()));
        memory.asMap().entrySet().removeIf(e -> change.concerns(e.getKey().tenant()) && e.getValue().names().contains(change.name()));
    }

    public void clearMemory() {
        memory.invalidateAll();
    }

    /** Empties one tier by name; how many entries it held. */
    public long evict(String tier) {
        switch (tier) {
            case "memory": {
                long n = memory.estimatedSize();
                memory.invalidateAll();
                return n;
            }
            case "disk": {
                long n = disk.estimatedSize();
                disk.invalidateAll();
                return n;
            }
            default:
                throw new IllegalArgumentException("no cache tier '" + tier + "': the tiers are memory and disk");
        }
    }

    public void clear() {
        memory.invalidateAll();
        disk.invalidateAll();
    }

    private static long weightedSize(Cache<?, ?> cache) {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public List<CacheTier> tiers() {
        memory.cleanUp();
        CacheStats stats = memory.stats();
        // the weights are the bytes, summed by the cache as it goes: iterating the entries for it, for each of the
        // dozen cache gauges every time the metric history samples them, was 3 % of a loaded server's CPU
        long memoryUsed = weightedSize(memory);
        List<CacheTier> tiers = new ArrayList<>();
        tiers.add(new CacheTier("memory", memory.estimatedSize(), memoryUsed, memoryBytes, stats.hitCount(),
                stats.missCount(), stats.evictionCount()));
        disk.cleanUp();
        long diskUsed = weightedSize(disk);
        tiers.add(new CacheTier("disk", disk.estimatedSize(), diskUsed, directory == null ? 0 : diskBytes,
                diskHits.get(), diskMisses.get(), diskEvictions.get()));
        return tiers;
    }

    private Optional<TemplateClosure> readDisk(TemplateKey key) {
        DiskEntry entry = directory == null ? null : disk.getIfPresent(key);
        if (entry == null) {
            diskMisses.incrementAndGet();
            return Optional.empty();
        }
        try {
            Snapshot s = json.readValue(entry.file().toFile(), Snapshot.class);
            diskHits.incrementAndGet();
            return Optional.of(new TemplateClosure(s.tenant(), s.name(), s.texts(), s.origins()));
        } catch (IOException e) {
            disk.invalidate(key); // unreadable: load from the repository instead
            diskMisses.incrementAndGet();
            return Optional.empty();
        }
    }

    private void writeDisk(TemplateKey key, TemplateClosure closure) {
        if (directory == null) {
            return;
        }
        try {
            byte[] bytes = json.writeValueAsBytes(new Snapshot(closure.tenant(), closure.name(),
                    new LinkedHashMap<>(closure.texts()), new LinkedHashMap<>(closure.origins())));
            Path file = directory.resolve(Integer.toHexString(key.hashCode()) + "-" + System.nanoTime() + ".json");
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            disk.put(key, new DiskEntry(file, bytes.length, closure.texts().keySet()));
        } catch (IOException e) {
            // the disk tier is an optimisation: without it a cold template is loaded from the repository
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next start, which empties the directory
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
