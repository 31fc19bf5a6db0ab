package io.memtune.pool.internal;

import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.pool.PoolManager;
import io.memtune.api.pool.PoolStatistics;

/** {@code memtune:pools} and {@code memtune:pool <name>}. */
@Component(service = PoolCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=pools",
        "osgi.command.function=pool" })
public final class PoolCommands {

    private final PoolManager pools;

    @Activate
    public PoolCommands(@Reference PoolManager pools) {
        this.pools = pools;
    }

    @Descriptor("lists the pools: kind, bounds, size, lent, idle, waiting, timeouts")
    public String pools() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s %-8s %9s %6s %6s %6s %8s %9s%n", "POOL",
                "KIND", "MIN..MAX", "SIZE", "LENT", "IDLE", "WAITING", "TIMEOUTS"));
        for (PoolStatistics s : pools.statistics()) {
            out.append(String.format(Locale.ROOT, "%-20s %-8s %4d..%-4d %6d %6d %6d %8d %9d%n", s.name(), s.kind(), s.min(),
                    s.max(), s.size(), s.active(), s.idle(), s.waiters(), s.timeouts()));
        }
        return pools.statistics().isEmpty() ? "no pool" : out.toString().stripTrailing();
    }

    @Descriptor("shows one pool's statistics")
    public String pool(@Descriptor("the pool's name") String name) {
        PoolStatistics s = pools.statistics(name)
                .orElseThrow(() -> new IllegalArgumentException("no pool '" + name + "' (see pools)"));
        return String.format(Locale.ROOT, "%s (%s): min %d, max %d, size %d, lent %d, idle %d, waiting %d%n"
                + "borrows %d, timeouts %d, validation failures %d, evictions %d, abandoned %d%n"
                + "borrow wait p50 %.2f ms, p99 %.2f ms, utilization %.0f%%%s", s.name(), s.kind(), s.min(), s.max(), s.size(),
                s.active(), s.idle(), s.waiters(), s.borrows(), s.timeouts(), s.validationFailures(), s.evictions(),
                s.abandoned(), s.waitP50Millis(), s.waitP99Millis(), s.utilization() * 100,
                s.maxBytes() > 0 ? String.format(Locale.ROOT, ", bytes kept %d of %d", s.bytes(), s.maxBytes()) : "");
    }
}
