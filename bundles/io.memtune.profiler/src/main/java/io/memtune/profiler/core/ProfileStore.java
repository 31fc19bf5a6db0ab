package io.memtune.profiler.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

import io.memtune.api.profiler.ClassHistogramEntry;
import io.memtune.api.profiler.ProfileInfo;
import io.memtune.api.profiler.ProfileKind;

/**
 * Profiles on disk, in a directory only the owner can enter, each file readable only by the owner, within a
 * budget of files and bytes (the oldest go first). A profile is written under a temporary name and renamed
 * when complete, with its description beside it ({@code <id>.json}); what a crash leaves half-written, and
 * a description that names a file outside the directory, are deleted at the next start and never listed
 * ({@link CrashRecovery}).
 */
public final class ProfileStore {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String PARTIAL = CrashRecovery.PARTIAL;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final int maxFiles;
    private final long maxBytes;
    /**
     * With a type cache of its own: Jackson's shared default one would keep {@code ProfileDescription}, and with it this bundle's
     * class loader, after the bundle is updated (a leak the profiler's leak check found).
     */
    private final ObjectMapper json = JsonMapper.builder()
            .typeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<Object, JavaType>(16, 64))).build();
    private final Map<String, ProfileInfo> profiles = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> removedAtStart;

    /** Writes a profile's content to a path that does not exist yet. */
    @FunctionalInterface
    public interface Producer {
        void writeTo(Path target) throws IOException;
    }

    /**
     * Opens the directory, deleting what a crash left in it ({@link #removedAtStart()} tells what).
     *
     * @throws IOException when the directory cannot be created, belongs to another user or is not writable
     *         (nothing is stored then)
     */
    public ProfileStore(Path directory, int maxFiles, long maxBytes) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        Files.createDirectories(this.directory);
        DirectoryOwner.check(this.directory); // before the permissions are set: not on someone else's directory
        Files.setPosixFilePermissions(this.directory, OWNER_DIRECTORY);
        if (!Files.isWritable(this.directory)) {
            throw new IOException("the profile directory " + this.directory + " is not writable");
        }
        CrashRecovery.Result recovered = CrashRecovery.recover(this.directory, json);
        recovered.profiles().forEach(p -> profiles.put(p.id(), p));
        this.removedAtStart = recovered.removed();
    }

    public Path directory() {
        return directory;
    }

    /** What opening the directory deleted and why (left by a crash, or not to be trusted), for the log. */
    public List<String> removedAtStart() {
        return removedAtStart;
    }

    /**
     * Captures and stores a profile.
     *
     * @throws IOException when writing fails (disk full) or the profile alone exceeds the budget; nothing
     *         partial stays
     */
    public synchronized ProfileInfo store(ProfileKind kind, String trigger, String extension, Producer producer,
            List<ClassHistogramEntry> summary) throws IOException {
        Instant now = Instant.now();
        String id = ID_TIME.format(now) + "-" + sequence.incrementAndGet() + "-" + kind.name().toLowerCase().replace('_', '-');
        Path partial = directory.resolve(PARTIAL + id + extension);
        Path file = directory.resolve(id + extension);
        Path description = directory.resolve(id + ".json");
        try {
            producer.writeTo(partial);
            Files.setPosixFilePermissions(partial, OWNER_FILE);
            long size = Files.size(partial);
            if (size > maxBytes) {
                throw new IOException("a " + kind + " of " + size + " bytes is larger than the whole profile budget ("
                        + maxBytes + " bytes)");
            }
            makeRoom(size);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            ProfileInfo info = new ProfileInfo(id, kind, now, trigger, size, file.toString(), summary);
            Path partialDescription = directory.resolve(PARTIAL + id + ".json");
            json.writeValue(partialDescription.toFile(), ProfileDescription.of(info));
            Files.setPosixFilePermissions(partialDescription, OWNER_FILE);
            Files.move(partialDescription, description, StandardCopyOption.ATOMIC_MOVE);
            profiles.put(id, info);
            return info;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(directory.resolve(PARTIAL + id + ".json"));
            if (!profiles.containsKey(id)) {
                Files.deleteIfExists(file);
            }
            throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        }
    }

    /** Deletes the oldest profiles until one more of {@code size} bytes fits. */
    private void makeRoom(long size) throws IOException {
        List<ProfileInfo> oldestFirst = new ArrayList<>(profiles.values());
        oldestFirst.sort(Comparator.comparing(ProfileInfo::id));
        int i = 0;
        while (i < oldestFirst.size() && (profiles.size() + 1 > maxFiles || usedBytes() + size > maxBytes)) {
            delete(oldestFirst.get(i++).id());
        }
    }

    public synchronized boolean delete(String id) throws IOException {
        ProfileInfo info = profiles.remove(id);
        if (info == null) {
            return false;
        }
        Files.deleteIfExists(Path.of(info.file()));
        Files.deleteIfExists(directory.resolve(id + ".json"));
        return true;
    }

    /** Newest first. */
    public List<ProfileInfo> list() {
        return List.copyOf(profiles.values());
    }

    public Optional<ProfileInfo> get(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public long usedBytes() {
        return profiles.values().stream().mapToLong(ProfileInfo::sizeBytes).sum();
    }

    public int count() {
        return profiles.size();
    }
}
