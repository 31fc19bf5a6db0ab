package io.memtune.template.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.memtune.api.template.TemplateFootprint;
import io.memtune.api.template.TemplateFootprint.Scale;

/**
 * What the template service's own structures hold per page, per tenant and per file, object by object with the
 * layout of a 64-bit HotSpot with compressed references and class pointers (12-byte headers, 4-byte references,
 * 8-byte alignment: the default below 32 GB of heap). {@code ServiceFootprintTest} holds each figure to JOL's
 * measurement of the real structures, and the container's class histogram holds their sum
 * ({@code TemplateFootprintIT}). Unlike {@link HeapCosts} (upper bounds whatever the layout, for budgets), these are
 * the figures a report adds up.
 */
public final class ServiceFootprint {

    static final int HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REFERENCE = 4;

    /** {@link TemplateKey}: tenant, name, names (references), hash (int), disk location (long), two flags. */
    public static final long KEY = object(3, 1, 1, 2);
    /** A key and its slot in its tenant's array. */
    public static final long KEY_SLOT = KEY + REFERENCE;
    /** A file's state in its directory's arrays: the name's slot, size and time. */
    public static final long FILE_STATE = REFERENCE + 16;
    /** A tenant's {@link PageIndex} entry: the holder (name, array). */
    static final long TENANT_PAGES = object(2, 0, 0, 0);
    /** {@code ConcurrentHashMap$Node} and {@code HashMap$Node}: hash, key, value, next. */
    static final long MAP_NODE = object(3, 1, 0, 0);
    static final long HASH_MAP_NODE = MAP_NODE;
    static final long HASH_MAP = object(4, 4, 0, 0);
    static final long CONCURRENT_HASH_MAP = 64;
    /** A {@link DirectoryFiles}: names and states arrays. */
    static final long DIRECTORY_FILES = object(2, 0, 0, 0);
    /** The disk tier's content key, a record of two longs, and its boxed location. */
    static final long DIGEST = object(0, 0, 2, 0);
    static final long BOXED_LONG = object(0, 0, 1, 0);
    /**
     * What the JDK's watch service holds for a directory it watches (its key, path, pending events and the map from the
     * inotify descriptor): measured over 5,000 directories on OpenJDK 17 (254 B).
     */
    static final long WATCHED_DIRECTORY = 256;
    /** A disk tier segment's record, path, counters and its file name (a handful, whatever the pages). */
    static final long SEGMENT = 256;
    /** {@link CachedTemplate}: compiled, engine, names, two longs. */
    static final long CACHED_TEMPLATE = object(3, 0, 2, 0);
    /**
     * Caffeine's share of a memory tier entry (a bounded, weighed, statistics-recording cache): its node (key, value,
     * weights, access-order links: 40 B), the node of its internal map (32 B) with about two table slots, and the
     * frequency sketch's share (it grows with the entries): measured with JOL, {@code ServiceFootprintTest}.
     */
    static final long CAFFEINE_ENTRY = 88;
    /** A memory tier entry besides the compiled form: Caffeine's share and the {@link CachedTemplate}. */
    public static final long MEMORY_ENTRY = CAFFEINE_ENTRY + CACHED_TEMPLATE;

    private ServiceFootprint() {
    }

    /** An object with this many reference, int, long and byte (boolean) fields. */
    static long object(int references, int ints, int longs, int bytes) {
        return align(HEADER + (long) REFERENCE * references + 4L * ints + 8L * longs + bytes);
    }

    /** An array of this many elements of this size. */
    static long array(long length, int elementBytes) {
        return align(ARRAY_HEADER + length * elementBytes);
    }

    /** A string with its array (Latin-1: a byte a character; other text two). */
    static long string(String s) {
        boolean latin1 = s.chars().allMatch(c -> c < 256);
        return object(1, 1, 0, 2) + array(s.length(), latin1 ? 1 : 2);
    }

    /** The table of a hash map holding this many entries at the default load factor (0.75). */
    static long table(long entries) {
        long slots = 16;
        while (slots * 3 / 4 < entries) {
            slots <<= 1;
        }
        return array(slots, REFERENCE);
    }

    /**
     * What {@code pages} pages of {@code tenants} tenants cost in the page index and its keys, for an estimate before
     * there is an index ({@code bin/memtune analyze}): names of 12 characters a tenant.
     */
    public static long pageIndex(long pages, long tenants) {
        return CONCURRENT_HASH_MAP + table(tenants) + pages * KEY_SLOT
                + tenants * (MAP_NODE + TENANT_PAGES + ARRAY_HEADER + 4 + object(1, 1, 0, 2) + array(12, 1));
    }

    /** The watcher's state for {@code files} files in {@code directories} directories, for an estimate before there is one. */
    public static long fileStates(long files, long directories) {
        return HASH_MAP + table(directories) + directories * (HASH_MAP_NODE + DIRECTORY_FILES + 2 * ARRAY_HEADER
                + object(1, 1, 0, 2) + array(12, 1) + WATCHED_DIRECTORY) + files * FILE_STATE;
    }

    /** A distinct closure's entry in the disk tier's content index. */
    public static long diskIndex(long distinctClosures) {
        return HASH_MAP + table(distinctClosures) + distinctClosures * (HASH_MAP_NODE + DIGEST + BOXED_LONG);
    }

    /**
     * The per-tenant render metrics for this many tenants rendering, at the default budget: about 3.9 KB a tenant with
     * a series and 50 KB fixed, never more than the budget (512 KB: {@code TenantMetricsComponent}).
     */
    public static long tenantMetrics(long tenants) {
        return Math.min(512L * 1024, 50L * 1024 + tenants * 3_900);
    }

    /**
     * What the service would hold for these pages, before there is a service ({@code bin/memtune analyze}): every page
     * found and compiled in the memory tier, every file watched, every tenant rendering.
     *
     * @param distinctClosures the distinct closures of sources ({@link #closureKey}), one disk tier record each
     */
    public static List<TemplateFootprint.Part> estimate(long pages, long tenants, long files, long distinctClosures) {
        long index = pageIndex(pages, tenants);
        long states = fileStates(files, tenants + 1);
        return List.of(pageKeys(pages), tenantIndex(tenants, index - pages * KEY_SLOT), memoryTier(pages),
                diskIndex(distinctClosures, diskIndex(distinctClosures)), fileStates(files),
                directoryStates(tenants + 1, states - files * FILE_STATE), tenantMetrics(tenants, tenantMetrics(tenants)));
    }

    static TemplateFootprint.Part pageKeys(long pages) {
        return new TemplateFootprint.Part("page-keys", Scale.PAGE, pages, pages * KEY_SLOT,
                "a key a page (interned tenant and name, disk location, flags) and its slot in its tenant's array");
    }

    static TemplateFootprint.Part tenantIndex(long tenants, long bytes) {
        return new TemplateFootprint.Part("tenant-index", Scale.TENANT, tenants, bytes,
                "a tenant's entry in the page index: its name, its array of keys, the map's node");
    }

    static TemplateFootprint.Part memoryTier(long entries) {
        return new TemplateFootprint.Part("memory-tier", Scale.PAGE, entries, entries * MEMORY_ENTRY,
                "an entry a compiled page in the memory tier: Caffeine's node and map slot, the entry record");
    }

    static TemplateFootprint.Part compiled(long entries, long bytes) {
        return new TemplateFootprint.Part(TemplateFootprint.COMPILED, Scale.CONTENT, entries, bytes,
                "the compiled forms, as their engine estimates them (shared structure at its first page)");
    }

    static TemplateFootprint.Part diskIndex(long records, long bytes) {
        return new TemplateFootprint.Part("disk-index", Scale.CONTENT, records, bytes,
                "the disk tier's content index: an entry per distinct closure (a page's location is in its key)");
    }

    static TemplateFootprint.Part fileStates(long files) {
        return new TemplateFootprint.Part("file-states", Scale.PAGE, files, files * FILE_STATE,
                "the watcher's size and time of every template file, in its directory's arrays");
    }

    static TemplateFootprint.Part directoryStates(long directories, long bytes) {
        return new TemplateFootprint.Part("directory-states", Scale.TENANT, directories, bytes,
                "the watcher's entry per directory (its name, arrays and map node) and the file system's watch of it");
    }

    static TemplateFootprint.Part tenantMetrics(long tenants, long bytes) {
        return new TemplateFootprint.Part("tenant-metrics", Scale.BUDGET, tenants, bytes,
                "per-tenant render series and their bookkeeping, within their budget (512 KB by default)");
    }

    /** What the disk tier stores a closure by: the same for every tenant with the same texts (hex of 128 bits). */
    public static String closureKey(TemplateClosure closure) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(DiskTier.encode(closure));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
