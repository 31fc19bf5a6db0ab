package io.memtune.concurrency.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.ManagedExecutor;

/** Finds the managed executors by name, as they come and go with their configurations. */
@Component(service = ConcurrencyManager.class)
public final class ConcurrencyManagerComponent implements ConcurrencyManager {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<ManagedExecutor> executors = new CopyOnWriteArrayList<>(); // package-private: the embedded module adds to it

    @Override
    public Optional<ManagedExecutor> executor(String name) {
        // asked twice a render (admission, then the hand-off): a loop, not a stream pipeline built per call
        for (ManagedExecutor executor : executors) {
            if (executor.name().equals(name)) {
                return Optional.of(executor);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ExecutorStatistics> statistics() {
        return executors.stream().map(ManagedExecutor::statistics)
                .sorted(java.util.Comparator.comparing(ExecutorStatistics::name)).toList();
    }
}
