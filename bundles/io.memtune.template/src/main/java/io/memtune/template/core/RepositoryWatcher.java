package io.memtune.template.core;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Polls the repository for changed template files and reports a change only once the file has kept the
 * same size and modification time for a whole interval: a template being written is never compiled half
 * written (what renders meanwhile is the previous version). A deleted file is reported at once.
 *
 * <p>Once started, a poll looks only where the file system said something changed (its change events: inotify on
 * Linux), plus the files still settling: a scan of every file every interval cost 60 ms of CPU a second with
 * 10,000 templates, and grows with them. Every {@value #FULL_SCAN_EVERY} polls, and whenever events were lost or
 * cannot be had (a file system without them, the watch limit reached), it scans everything, as it did before; but
 * a full scan never starts sooner than {@value #FULL_SCAN_SHARE} times its last duration after it ended, so that on
 * a repository of a million files without events it takes a tenth of a core at most (changes are then seen later).
 *
 * <p>What it holds: per directory under the root one {@link DirectoryFiles} (interned names, sizes and times in an
 * array: about 20 bytes a file), never a {@code Path} per file; a scan goes directory by directory, so a full scan of
 * a large repository leaves little garbage.
 */
public final class RepositoryWatcher implements AutoCloseable {

    /** Polls between two full scans, which catch what change events miss (a network file system, say). */
    static final int FULL_SCAN_EVERY = 60;
    /** A full scan waits this many times its own last duration after it ended before the next may start. */
    static final int FULL_SCAN_SHARE = 9;

    private final TemplateRepository repository;
    private final Consumer<TemplateRepository.TemplateChange> listener;
    /** The stable state of every directory's files, by directory name. */
    private final Map<String, DirectoryFiles> known = new HashMap<>();
    /** Files seen changed and not yet stable for an interval, by directory and name: their latest state. */
    private final Map<String, Map<String, TemplateRepository.FileState>> pending = new HashMap<>();
    private final int fullScanEvery;
    private WatchService events;
    private int pollsSinceFullScan;
    private long nextFullScanNanos;
    private ScheduledExecutorService scheduler;

    public RepositoryWatcher(TemplateRepository repository, Consumer<TemplateRepository.TemplateChange> listener) {
        this(repository, listener, FULL_SCAN_EVERY);
    }

    /** @param fullScanEvery polls between two full scans (tests of the events alone: {@code Integer.MAX_VALUE}) */
    RepositoryWatcher(TemplateRepository repository, Consumer<TemplateRepository.TemplateChange> listener, int fullScanEvery) {
        this.repository = repository;
        this.listener = listener;
        this.fullScanEvery = fullScanEvery;
        long start = System.nanoTime();
        for (String directory : repository.directories()) {
            DirectoryFiles files = repository.scanDirectory(directory);
            if (files.size() > 0) {
                known.put(directory, files);
            }
        }
        long end = System.nanoTime();
        this.nextFullScanNanos = end + FULL_SCAN_SHARE * (end - start);
    }

    /** Polls every {@code interval}, looking where the file system's change events point when it has them. */
    public synchronized void start(Duration interval) {
        watchFileSystem();
        scheduler = DaemonScheduler.single("memtune-template-watch");
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Subscribes to the file system's change events under the root; without them every poll scans everything. */
    synchronized void watchFileSystem() {
        if (!Files.isDirectory(repository.root())) {
            return; // a root that does not exist yet has nothing to watch: full scans see it appear
        }
        try {
            events = repository.root().getFileSystem().newWatchService();
            register(repository.root());
        } catch (IOException | UnsupportedOperationException | UncheckedIOException e) {
            stopWatching(); // full scans, as before: slower, never wrong
        }
    }

    private void pollQuietly() {
        try {
            pollChanged();
        } catch (RuntimeException e) {
            // the next tick tries again; a watcher that dies would leave stale templates forever
        }
    }

    /**
     * One look where something changed since the last (every file when the file system gives no events, after
     * lost events, and every {@value #FULL_SCAN_EVERY} polls, as often as {@value #FULL_SCAN_SHARE} allows).
     */
    public synchronized void pollChanged() {
        Set<String> dirty = new TreeSet<>(pending.keySet());
        boolean complete = events != null && drainEvents(dirty);
        if ((!complete || ++pollsSinceFullScan >= fullScanEvery) && System.nanoTime() - nextFullScanNanos >= 0) {
            poll();
            return;
        }
        for (String directory : dirty) {
            compare(directory);
        }
    }

    /** One look at every file of the repository; public for tests, which drive time themselves. */
    public synchronized void poll() {
        long start = System.nanoTime();
        pollsSinceFullScan = 0;
        if (events != null) {
            drainEvents(new HashSet<>()); // what they say, this scan sees
        }
        Set<String> directories = new TreeSet<>(repository.directories());
        directories.addAll(known.keySet());
        directories.addAll(pending.keySet());
        for (String directory : directories) {
            compare(directory);
        }
        long end = System.nanoTime();
        nextFullScanNanos = end + FULL_SCAN_SHARE * (end - start);
    }

    /**
     * Looks at one directory's files: a file gone is reported at once; a changed or new one once it has kept the
     * same size and time for a whole interval.
     */
    private void compare(String directory) {
        DirectoryFiles now = repository.scanDirectory(directory);
        DirectoryFiles was = known.getOrDefault(directory, DirectoryFiles.EMPTY);
        Map<String, TemplateRepository.FileState> settling = pending.getOrDefault(directory, new HashMap<>());
        DirectoryFiles.Builder stable = new DirectoryFiles.Builder();
        boolean changed = false;
        int i = 0;
        int j = 0;
        while (i < was.size() || j < now.size()) {
            int order = i == was.size() ? 1 : j == now.size() ? -1 : was.name(i).compareTo(now.name(j));
            if (order < 0) { // gone
                settling.remove(was.name(i));
                fire(directory, was.name(i));
                changed = true;
                i++;
                continue;
            }
            String name = now.name(j);
            TemplateRepository.FileState state = new TemplateRepository.FileState(now.length(j), now.modified(j));
            if (order == 0 && was.sameState(i, now, j)) {
                settling.remove(name);
                stable.add(was.name(i), was.length(i), was.modified(i));
            } else if (state.equals(settling.get(name))) { // unchanged for an interval: stable
                settling.remove(name);
                stable.add(name, state.size(), state.modified());
                fire(directory, name);
                changed = true;
            } else {
                settling.put(name, state);
                if (order == 0) {
                    stable.add(was.name(i), was.length(i), was.modified(i));
                }
            }
            if (order == 0) {
                i++;
            }
            j++;
        }
        settling.keySet().removeIf(name -> now.indexOf(name) < 0); // came and went before it settled
        if (settling.isEmpty()) {
            pending.remove(directory);
        } else {
            pending.put(directory, settling);
        }
        if (changed) {
            DirectoryFiles files = stable.build();
            if (files.size() == 0) {
                known.remove(directory);
            } else {
                known.put(directory, files);
            }
        }
    }

    /**
     * The directories under the root the events since the last call name, into {@code dirty} (an event is about an
     * entry of its watched directory, so the root's events name a directory of their own); false when events were
     * lost. Directories created since are watched from now on.
     */
    private boolean drainEvents(Set<String> dirty) {
        boolean complete = true;
        Path root = repository.root();
        Set<Path> touched = new HashSet<>();
        WatchKey key;
        while ((key = events.poll()) != null) {
            Path directory = key.watchable() instanceof Path p ? p : null;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW || directory == null) {
                    complete = false;
                } else if (directory.equals(root)) {
                    if (event.context() instanceof Path child) {
                        dirty.add(child.toString());
                        touched.add(root.resolve(child));
                    }
                } else if (directory.startsWith(root)) {
                    dirty.add(root.relativize(directory).getName(0).toString());
                    touched.add(directory);
                }
            }
            key.reset(); // false: the directory is gone, which its parent's event says
        }
        try {
            for (Path directory : touched) {
                register(directory); // before the scan: a file created in a new directory after it still has an event
            }
        } catch (IOException | UncheckedIOException e) {
            stopWatching(); // this look still counts; the next polls scan everything
        }
        return complete;
    }

    private void register(Path directory) throws IOException {
        if (events == null || !Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path d : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                d.register(events, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY); // the same key again for one watched already
            }
        }
    }

    private void fire(String directory, String name) {
        listener.accept(new TemplateRepository.TemplateChange(directory, name));
    }

    /**
     * What it holds a state for.
     *
     * @param tenants directories but {@code _shared}
     * @param files template files
     * @param bytes the heap those states take (template names are counted where they are interned)
     */
    public record Held(long tenants, long files, long bytes) {
    }

    public synchronized Held held() {
        long files = 0;
        long bytes = ServiceFootprint.HASH_MAP + ServiceFootprint.table(known.size());
        for (Map.Entry<String, DirectoryFiles> d : known.entrySet()) {
            files += d.getValue().size();
            bytes += d.getValue().estimatedBytes() + ServiceFootprint.HASH_MAP_NODE + ServiceFootprint.string(d.getKey());
        }
        if (events != null) {
            bytes += (known.size() + 1) * ServiceFootprint.WATCHED_DIRECTORY; // the JDK's, for each directory watched
        }
        return new Held(known.size() - (known.containsKey(TemplateRepository.SHARED) ? 1 : 0), files, bytes);
    }

    private void stopWatching() {
        closeQuietly(events);
        events = null;
    }

    private static void closeQuietly(WatchService service) {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // closing what we no longer use
            }
        }
    }

    /**
     * Stops polling. The change events are closed on the polling thread, which then ends: closing them waits for the
     * file system's own watch thread (3-20 ms here), which a bundle being stopped or a service being reconfigured
     * should not wait for while requests wait for it.
     */
    @Override
    public synchronized void close() {
        WatchService closing = events;
        events = null;
        if (scheduler == null) {
            closeQuietly(closing);
            return;
        }
        scheduler.execute(() -> closeQuietly(closing));
        scheduler.shutdown(); // the periodic polls are cancelled; the close above still runs
        scheduler = null;
    }
}
