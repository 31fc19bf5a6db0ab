package io.memtune.api.concurrency;

import java.util.Map;

/**
 * A managed executor now.
 *
 * @param name the executor
 * @param workers threads now
 * @param minWorkers the least threads
 * @param maxWorkers the most threads
 * @param limit the adaptive concurrency limit: how many tasks may run at once now
 * @param active tasks running
 * @param classes per priority class
 * @param shedding whether it is shedding queued work (its queue has stayed above the target delay)
 */
public record ExecutorStatistics(String name, int workers, int minWorkers, int maxWorkers, int limit, int active,
        Map<Priority, ClassStatistics> classes, boolean shedding) {

    public ExecutorStatistics {
        classes = Map.copyOf(classes);
    }

    /**
     * One priority class.
     *
     * @param queued waiting now
     * @param queueCapacity the most that may wait
     * @param share the guaranteed share of the workers, 0..1
     * @param completed tasks run to their end (successfully or not)
     * @param rejected refused, by reason
     * @param queueWaitP50Millis median wait before starting, recent
     * @param queueWaitP99Millis 99th percentile wait, recent
     * @param runTimeP50Millis median run time, recent
     * @param runTimeP99Millis 99th percentile run time, recent
     * @param responseTimeP99Millis 99th percentile of wait and run together (what the caller sees), recent
     */
    public record ClassStatistics(int queued, int queueCapacity, double share, long completed,
            Map<RejectedException.Reason, Long> rejected, double queueWaitP50Millis, double queueWaitP99Millis,
            double runTimeP50Millis, double runTimeP99Millis, double responseTimeP99Millis) {

        public ClassStatistics {
            rejected = Map.copyOf(rejected);
        }
    }
}
