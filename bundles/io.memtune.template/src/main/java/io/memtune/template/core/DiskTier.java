package io.memtune.template.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * The disk tier: every page's checked closure of sources, in a few segment files written in order, so that a page
 * the memory tier dropped is one read and a compile, not a walk of its tenant's and the shared directories and a
 * closure check.
 *
 * <p>Content-addressed: a closure is stored as its texts and names with each text marked as the tenant's own or
 * {@code _shared}, without the tenant's name, so the same page of a white-label design is one record for every tenant
 * that has it. The heap holds a page's location (a {@code long} in its {@link TemplateKey}) and, per distinct record,
 * one entry of the content index (about 90 bytes); never the texts, never a {@code Path} per page.
 *
 * <p>Bounded in bytes: up to {@value #SEGMENTS} segments of an equal share of the budget; when the newest is full a
 * new one starts, and past the budget the oldest goes with every location in it (first in, first out). A page whose
 * record went is read from the repository again and written anew. A record bigger than a segment is not written
 * (counted as rejected): its page is always compiled from the repository, as it would be without this tier. Reads
 * check a CRC, so a location into a segment that went reads as a miss, never as another page.
 */
final class DiskTier {

    /** No location. */
    static final long NONE = 0;
    static final int SEGMENTS = 8;
    /** Locations: the segment's generation in the high bits, the record's offset in the low ones. */
    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final long GENERATION_MASK = (1L << (64 - OFFSET_BITS)) - 1;
    /** Length and CRC before each record. */
    private static final int HEADER = 8;
    /** What one read fetches first: most closures fit, a longer one needs a second read. */
    private static final int FIRST_READ = 8192;

    /** One segment file. @param pages how many pages are located in it now */
    private record Segment(long generation, Path file, AtomicLong size, AtomicInteger pages) {
    }

    /** A record's content hash (128 bits of SHA-256: a collision is not a practical concern). */
    private record Digest(long high, long low) {
    }

    private final Path directory;
    private final long budget;
    private final long segmentBytes;
    /** Oldest first; changed under this object's lock, read by look-ups through {@link #segment}. */
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private volatile Segment[] live = new Segment[0];
    private final Map<Digest, Long> byContent = new HashMap<>();
    private long generation;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Starts empty: a previous run's files are not indexed, so they are deleted.
     *
     * @param budget bytes of segment files at most
     */
    DiskTier(Path directory, long budget) throws IOException {
        this.directory = directory;
        this.budget = budget;
        this.segmentBytes = Math.max(1, budget / SEGMENTS);
        deleteRecursively(directory);
        Files.createDirectories(directory);
    }

    long budget() {
        return budget;
    }

    /**
     * The closure at {@code location} for this tenant and page, or null when it is not there any more (its segment
     * went, or it cannot be read): counted as a hit or a miss.
     */
    TemplateClosure read(long location, String tenant, String name, UnaryOperator<String> intern) {
        Segment segment = location == NONE ? null : segment(location);
        if (segment == null) {
            misses.incrementAndGet();
            return null;
        }
        try {
            byte[] body = readRecord(segment, location & OFFSET_MASK);
            TemplateClosure closure = body == null ? null : decode(body, tenant, name, intern);
            if (closure != null) {
                hits.incrementAndGet();
                return closure;
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or not what it should be: the repository is the truth
        }
        misses.incrementAndGet();
        return null;
    }

    /**
     * Stores a closure (or finds it stored already) and returns its location, {@link #NONE} when it cannot be
     * stored: bigger than a segment, or the write failed (both counted as rejected).
     */
    long write(TemplateClosure closure) {
        return write(encode(closure));
    }

    /** The size a closure takes in a segment. */
    static long recordBytes(TemplateClosure closure) {
        return HEADER + encode(closure).length;
    }

    long segmentBytes() {
        return segmentBytes;
    }

    private long write(byte[] body) {
        Digest digest = digest(body);
        synchronized (this) {
            Long known = byContent.get(digest);
            if (known != null && segment(known) != null) {
                return known;
            }
            if (HEADER + body.length > segmentBytes) {
                rejected.incrementAndGet();
                return NONE;
            }
            Segment current = segments.peekLast();
            if (current == null || current.size().get() + HEADER + body.length > segmentBytes) {
                try {
                    current = startSegment();
                } catch (UncheckedIOException e) {
                    rejected.incrementAndGet(); // the directory went, or the disk is full: from the repository
                    return NONE;
                }
            }
            long offset = current.size().get();
            ByteBuffer record = ByteBuffer.allocate(HEADER + body.length);
            CRC32C crc = new CRC32C();
            crc.update(body);
            record.putInt(body.length).putInt((int) crc.getValue()).put(body).flip();
            try (FileChannel out = FileChannel.open(current.file(), StandardOpenOption.WRITE)) {
                while (record.hasRemaining()) {
                    out.write(record, offset + record.position());
                }
            } catch (IOException e) {
                rejected.incrementAndGet(); // a full disk, say: the page is compiled from the repository
                return NONE;
            }
            current.size().addAndGet(HEADER + body.length);
            long location = (current.generation() & GENERATION_MASK) << OFFSET_BITS | offset;
            byContent.put(digest, location);
            return location;
        }
    }

    /** A page now located at {@code location} (its previous location released first). */
    void assign(TemplateKey page, long location) {
        synchronized (page) {
            release(page);
            Segment segment = location == NONE ? null : segment(location);
            if (segment != null) {
                segment.pages().incrementAndGet();
                page.disk = location;
            }
        }
    }

    /** A page no longer located anywhere (its sources changed, or it is forgotten). */
    void release(TemplateKey page) {
        synchronized (page) {
            long location = page.disk;
            page.disk = NONE;
            Segment segment = location == NONE ? null : segment(location);
            if (segment != null) {
                segment.pages().decrementAndGet();
            }
        }
    }

    /** Whether the page's location is in a segment still there. */
    boolean holds(TemplateKey page) {
        long location = page.disk;
        return location != NONE && segment(location) != null;
    }

    /** Empties the tier; how many pages it located. */
    synchronized long clear() {
        long pages = entries();
        while (!segments.isEmpty()) {
            dropOldest(false);
        }
        return pages;
    }

    long entries() {
        long pages = 0;
        for (Segment s : live) {
            pages += s.pages().get();
        }
        return pages;
    }

    long bytes() {
        long bytes = 0;
        for (Segment s : live) {
            bytes += s.size().get();
        }
        return bytes;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    long evictions() {
        return evictions.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** @param records distinct closures stored @param bytes the heap the content index and the segments' bookkeeping take */
    record Index(long records, long bytes) {
    }

    synchronized Index index() {
        long records = byContent.size();
        return new Index(records, ServiceFootprint.diskIndex(records) + segments.size() * ServiceFootprint.SEGMENT);
    }

    private Segment segment(long location) {
        long generation = location >>> OFFSET_BITS;
        for (Segment s : live) {
            if ((s.generation() & GENERATION_MASK) == generation) {
                return s;
            }
        }
        return null;
    }

    private Segment startSegment() {
        generation++;
        Path file = directory.resolve("segment-" + generation + ".bin");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a disk tier segment " + file, e);
        }
        Segment segment = new Segment(generation, file, new AtomicLong(), new AtomicInteger());
        segments.addLast(segment);
        while (segments.size() > Math.max(1, budget / segmentBytes)) {
            dropOldest(true);
        }
        live = segments.toArray(new Segment[0]);
        return segment;
    }

    /** Under the lock. */
    private void dropOldest(boolean evicted) {
        Segment oldest = segments.pollFirst();
        long gone = oldest.generation() & GENERATION_MASK;
        for (Iterator<Long> i = byContent.values().iterator(); i.hasNext();) {
            if (i.next() >>> OFFSET_BITS == gone) {
                i.remove();
            }
        }
        if (evicted) {
            evictions.addAndGet(oldest.pages().get());
        }
        live = segments.toArray(new Segment[0]);
        try {
            Files.deleteIfExists(oldest.file());
        } catch (IOException e) {
            // left for the next start, which empties the directory
        }
    }

    /** A read may meet a segment deleted meanwhile: an exception, which the caller counts as a miss. */
    private static byte[] readRecord(Segment segment, long offset) throws IOException {
        try (FileChannel in = FileChannel.open(segment.file(), StandardOpenOption.READ)) {
            ByteBuffer first = ByteBuffer.allocate((int) Math.min(FIRST_READ, Math.max(HEADER, segment.size().get() - offset)));
            readFully(in, first, offset);
            first.flip();
            if (first.remaining() < HEADER) {
                return null;
            }
            int length = first.getInt();
            int crc = first.getInt();
            if (length < 0 || offset + HEADER + length > segment.size().get()) {
                return null;
            }
            byte[] body = new byte[length];
            int inFirst = Math.min(length, first.remaining());
            first.get(body, 0, inFirst);
            if (inFirst < length) {
                ByteBuffer rest = ByteBuffer.wrap(body, inFirst, length - inFirst);
                readFully(in, rest, offset + HEADER + inFirst);
            }
            CRC32C check = new CRC32C();
            check.update(body);
            return (int) check.getValue() == crc ? body : null;
        }
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = in.read(into, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    /** Names and texts, each text marked as the tenant's own or {@code _shared}: no tenant name in it. */
    static byte[] encode(TemplateClosure closure) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(closure.texts().size());
            for (Map.Entry<String, String> e : closure.texts().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeBoolean(TemplateRepository.SHARED.equals(closure.origins().get(e.getKey())));
                byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    private static TemplateClosure decode(byte[] body, String tenant, String name, UnaryOperator<String> intern)
            throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int count = in.readInt();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String member = intern.apply(in.readUTF());
            boolean shared = in.readBoolean();
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            texts.put(member, new String(text, StandardCharsets.UTF_8));
            origins.put(member, shared ? TemplateRepository.SHARED : tenant);
        }
        // the closure of this page: its own name first (a record is found by content, and pages of different names
        // never have the same content: the first name is the page's)
        if (!texts.isEmpty() && !texts.keySet().iterator().next().equals(name)) {
            return null;
        }
        return new TemplateClosure(tenant, name, texts, origins);
    }

    private static Digest digest(byte[] body) {
        try {
            ByteBuffer d = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(body));
            return new Digest(d.getLong(), d.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
