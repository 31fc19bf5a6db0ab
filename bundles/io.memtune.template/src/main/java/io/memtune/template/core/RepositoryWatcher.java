package io.memtune.template.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the repository for changed template files and reports a change only once the file has kept the
 * same size and modification time for a whole interval: a template being written is never compiled half
 * written (what renders meanwhile is the previous version). A deleted file is reported at once.
 */
public final class RepositoryWatcher implements AutoCloseable {

    private final TemplateRepository repository;
    private final Consumer<TemplateRepository.TemplateChange> listener;
    private final Map<Path, TemplateRepository.FileState> known;
    private final Map<Path, TemplateRepository.FileState> pending = new HashMap<>();
    private ScheduledExecutorService scheduler;

    public RepositoryWatcher(TemplateRepository repository, Consumer<TemplateRepository.TemplateChange> listener) {
        this.repository = repository;
        this.listener = listener;
        this.known = new HashMap<>(repository.scan());
    }

    public synchronized void start(Duration interval) {
        scheduler = DaemonScheduler.single("memtune-template-watch");
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the next tick tries again; a watcher that dies would leave stale templates forever
        }
    }

    /** One look at the repository; public for tests, which drive time themselves. */
    public synchronized void poll() {
        Map<Path, TemplateRepository.FileState> current = repository.scan();
        Set<Path> paths = new HashSet<>(known.keySet());
        paths.addAll(current.keySet());
        paths.addAll(pending.keySet());
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

    private void fire(Path path) {
        repository.changeOf(path).ifPresent(listener);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
