package io.memtune.concurrency.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.memtune.api.concurrency.Priority;

/**
 * How a managed executor behaves.
 *
 * @param name its name
 * @param minWorkers threads kept even when idle
 * @param maxWorkers the most threads
 * @param queueCapacity the bounded queue of each priority class
 * @param share the guaranteed share of each class when all are busy (normalised)
 * @param defaultDeadline how long a task may wait to start, unless it says otherwise
 * @param keepAlive how long an idle thread above the minimum lives
 * @param shedTarget the queue delay CoDel aims for
 * @param shedInterval how long the delay must stay above target before shedding
 * @param memoryLine heap occupancy after GC above which new work is refused (1 for never)
 */
public record ExecutorSettings(String name, int minWorkers, int maxWorkers, Map<Priority, Integer> queueCapacity,
        Map<Priority, Double> share, Duration defaultDeadline, Duration keepAlive, Duration shedTarget,
        Duration shedInterval, double memoryLine) {

    public ExecutorSettings {
        if (minWorkers < 0 || maxWorkers < 1 || minWorkers > maxWorkers) {
            throw new IllegalArgumentException("workers: need 0 <= min <= max and max >= 1, got " + minWorkers + ".."
                    + maxWorkers);
        }
        queueCapacity = Map.copyOf(new EnumMap<>(queueCapacity));
        share = Map.copyOf(new EnumMap<>(share));
        for (Priority p : Priority.values()) {
            if (queueCapacity.getOrDefault(p, 0) < 0 || share.getOrDefault(p, 0.0) <= 0) {
                throw new IllegalArgumentException("every priority class needs a queue capacity >= 0 and a share > 0: " + p);
            }
        }
    }
}
