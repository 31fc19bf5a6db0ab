package io.memtune.template.core;

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
        return CONCURRENT_HASH_MAP + table(tenants) + pages * (KEY + REFERENCE)
                + tenants * (MAP_NODE + TENANT_PAGES + ARRAY_HEADER + 4 + object(1, 1, 0, 2) + array(12, 1));
    }

    /** What the index holds now. */
    static long pageIndex(PageIndex index) {
        return index.estimatedBytes();
    }

    /** The watcher's state for {@code files} files in {@code directories} directories, for an estimate before there is one. */
    public static long fileStates(long files, long directories) {
        return HASH_MAP + table(directories) + directories * (HASH_MAP_NODE + DIRECTORY_FILES + 2 * ARRAY_HEADER
                + object(1, 1, 0, 2) + array(12, 1)) + files * (REFERENCE + 16);
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
