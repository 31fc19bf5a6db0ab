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
 * cannot be had (a file system without them, the watch limit reached), it scans everything, as it did before.
 */
public final class RepositoryWatcher implements AutoCloseable {

    /** Polls between two full scans, which catch what change events miss (a network file system, say). */
    static final int FULL_SCAN_EVERY = 60;

    private final TemplateRepository repository;
    private final Consumer<TemplateRepository.TemplateChange> listener;
    private final Map<Path, TemplateRepository.FileState> known;
    private final Map<Path, TemplateRepository.FileState> pending = new HashMap<>();
    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final int fullScanEvery;
    private WatchService events;
    private int pollsSinceFullScan;
    private ScheduledExecutorService scheduler;

    public RepositoryWatcher(TemplateRepository repository, Consumer<TemplateRepository.TemplateChange> listener) {
        this(repository, listener, FULL_SCAN_EVERY);
    }

    /** @param fullScanEvery polls between two full scans (tests of the events alone: {@code Integer.MAX_VALUE}) */
    RepositoryWatcher(TemplateRepository repository, Consumer<TemplateRepository.TemplateChange> listener, int fullScanEvery) {
        this.repository = repository;
        this.listener = listener;
        this.fullScanEvery = fullScanEvery;
        this.known = new HashMap<>(repository.scan());
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
     * lost events, and every {@value #FULL_SCAN_EVERY} polls).
     */
    public synchronized void pollChanged() {
        if (events == null || ++pollsSinceFullScan >= fullScanEvery) {
            poll();
            return;
        }
        Set<Path> dirty = new HashSet<>();
        if (!drainEvents(dirty)) {
            poll();
            return;
        }
        try {
            for (Path directory : dirty) {
                register(directory); // before the scan: a file created in a new directory after it still has an event
            }
        } catch (IOException | UncheckedIOException e) {
            stopWatching(); // this scan still counts; the next polls scan everything
        }
        Map<Path, TemplateRepository.FileState> current = new HashMap<>();
        for (Path directory : dirty) {
            current.putAll(repository.scan(directory));
        }
        for (Path settling : pending.keySet()) {
            if (!under(settling, dirty)) {
                repository.state(settling).ifPresent(s -> current.put(settling, s));
            }
        }
        Set<Path> paths = new HashSet<>(current.keySet());
        paths.addAll(pending.keySet());
        for (Path path : known.keySet()) {
            if (under(path, dirty)) {
                paths.add(path);
            }
        }
        compare(paths, current);
    }

    /** One look at every file of the repository; public for tests, which drive time themselves. */
    public synchronized void poll() {
        pollsSinceFullScan = 0;
        if (events != null) {
            drainEvents(new HashSet<>()); // what they say, this scan sees
        }
        Map<Path, TemplateRepository.FileState> current = repository.scan();
        Set<Path> paths = new HashSet<>(known.keySet());
        paths.addAll(current.keySet());
        paths.addAll(pending.keySet());
        compare(paths, current);
    }

    private void compare(Set<Path> paths, Map<Path, TemplateRepository.FileState> current) {
        for (Path path : paths) {
            TemplateRepository.FileState now = current.get(path);
            if (now == null) {
                pending.remove(path);
                if (known.remove(path) != null) {
                    fire(path);
                }
            } else if (now.equals(known.get(path))) {
                pending.remove(path);
            } else if (now.equals(pending.get(path))) {
                known.put(path, now);
                pending.remove(path);
                fire(path);
            } else {
                pending.put(path, now);
            }
        }
    }

    /**
     * The directories the events since the last call name, into {@code dirty} (an event is about an entry of its
     * watched directory, so that directory's files are the ones to look at); false when events were lost.
     */
    private boolean drainEvents(Set<Path> dirty) {
        boolean complete = true;
        WatchKey key;
        while ((key = events.poll()) != null) {
            Path directory = watched.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW || directory == null) {
                    complete = false;
                } else {
                    dirty.add(directory);
                }
            }
            if (!key.reset()) {
                watched.remove(key); // the directory is gone: its parent's event says so
            }
        }
        return complete;
    }

    private void register(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path d : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                watched.put(d.register(events, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), d);
            }
        }
    }

    private static boolean under(Path path, Set<Path> directories) {
        for (Path directory : directories) {
            if (path.startsWith(directory)) {
                return true;
            }
        }
        return false;
    }

    private void fire(Path path) {
        repository.changeOf(path).ifPresent(listener);
    }

    private void stopWatching() {
        closeQuietly(events);
        events = null;
        watched.clear();
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
        watched.clear();
        if (scheduler == null) {
            closeQuietly(closing);
            return;
        }
        scheduler.execute(() -> closeQuietly(closing));
        scheduler.shutdown(); // the periodic polls are cancelled; the close above still runs
        scheduler = null;
    }
}
