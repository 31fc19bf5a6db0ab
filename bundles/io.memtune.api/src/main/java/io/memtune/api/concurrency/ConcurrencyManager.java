package io.memtune.api.concurrency;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The managed executors of the container, by name. */
@ProviderType
public interface ConcurrencyManager {

    Optional<ManagedExecutor> executor(String name);

    /** Every executor's statistics, by name. */
    List<ExecutorStatistics> statistics();
}
