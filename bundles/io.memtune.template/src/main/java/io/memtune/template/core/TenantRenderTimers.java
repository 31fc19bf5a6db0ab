package io.memtune.template.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricNames;
import io.memtune.api.metrics.RecentBucketReservoir;
import io.memtune.api.metrics.RecentTimer;

/**
 * Render time per tenant within a memory budget, whatever the number of tenants: full series
 * ({@code memtune.template.render{tenant=t}}, a {@link RecentTimer}) for as many tenants as the budget holds, the
 * busiest ones; every other tenant's renders in one series, {@code memtune.template.render{tenant=other}}.
 *
 * <p>Which tenants get a series: while the budget has room, any tenant at its first render. When it is full, folded
 * renders are counted in a frequency sketch (approximate, decayed by half every minute) and the busiest folded
 * tenants are remembered by name; every {@link #MAINTENANCE_INTERVAL} {@link #maintain()} swaps in a folded tenant
 * that rendered over twice as much lately as the least busy tracked one (at most an eighth of the series a run, so
 * that a uniform load does not churn), and removes the series of tenants idle for the expiry from the registry.
 * Counts are per series: a tenant's renders while it was folded stay in {@code other}, and its own series
 * starts at zero when it is promoted (as Prometheus expects of a new series).
 *
 * <p>The request path ({@link #rendered}) takes no lock and allocates nothing: a map read, then either the
 * tenant's timer (one counter incremented) or {@code other}'s (striped by thread) plus the sketch's and the distinct
 * count's plain, racy counters. Only a promotion takes a lock, and a request never waits for it ({@code tryLock}: a
 * render that finds it taken is folded).
 *
 * <p>What it says about folding, in the registry: {@code memtune.template.tenants.tracked} (tenants with a
 * series), {@code memtune.template.tenants.folded} (distinct tenants folded into {@code other} in the last one to
 * two idle-expiry periods, estimated within a few per cent), {@code memtune.template.tenants.folded.renders{tenant=t}}
 * (the busiest folded tenants by name with their recent renders, estimated), {@code ...budget.bytes} and
 * {@code ...bytes} (the budget and the estimate of what is held), and {@code memtune.template.tenants} (all of it as
 * one value, for JSON readers).
 */
public final class TenantRenderTimers implements AutoCloseable {

    public static final String OTHER = "other";
    public static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(10);
    static final String RENDER = MetricRegistry.name("memtune", "template", "render");
    static final String TENANTS = MetricRegistry.name("memtune", "template", "tenants");
    static final String FOLDED_RENDERS = MetricRegistry.name(TENANTS, "folded", "renders");

    /** Maintenance runs between halvings of the recent counts: a minute. */
    static final int DECAY_EVERY = 6;
    static final int SKETCH_WIDTH = 1024;
    static final int CANDIDATE_SLOTS = 16;
    /** A folded tenant replaces a tracked one when it rendered more than twice as much lately, and a few more. */
    static final int LEAD_FACTOR = 2;
    static final int LEAD_RENDERS = 4;
    /** Tenant names are at most this long (the repository's rule); a longer one is always folded. */
    static final int MAX_NAME = TemplateRepository.MAX_TENANT;

    /**
     * @param budgetBytes the heap the per-tenant series and this structure may hold, registry entries included
     * @param idleExpiry a tenant's series is removed after this long without a render
     * @param foldedListed how many of the busiest folded tenants are named in the registry
     */
    public record Settings(long budgetBytes, Duration idleExpiry, int foldedListed) {
        public Settings {
            if (budgetBytes < 1 || idleExpiry.isNegative() || idleExpiry.isZero() || foldedListed < 0
                    || foldedListed > 100) {
                throw new IllegalArgumentException("tenant metrics need a positive budget, a positive idle expiry and"
                        + " 0 to 100 folded tenants named, not " + budgetBytes + " bytes, " + idleExpiry + ", "
                        + foldedListed);
            }
        }
    }

    /** A tenant with its own series. The counters below the timer are the maintenance's, under its lock. */
    private static final class Tracked {
        final String tenant;
        final String name;
        final RecentTimer timer;
        final long bytes;
        long scoreBase;
        long countAtDecay;
        long lastCount;
        long lastActive;

        Tracked(String tenant, String name, RecentTimer timer, long bytes) {
            this.tenant = tenant;
            this.name = name;
            this.timer = timer;
            this.bytes = bytes;
        }
    }

    /** A folded tenant and its recent renders, estimated. */
    public record Folded(String tenant, long renders) {
    }

    private final MetricRegistry registry;
    private final Settings settings;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Tracked> tracked;
    private final RecentTimer other;
    private final TenantFrequencySketch sketch = new TenantFrequencySketch(SKETCH_WIDTH);
    private final FoldedCandidates candidates = new FoldedCandidates(CANDIDATE_SLOTS);
    private final DistinctTenants folded = new DistinctTenants();
    private final ReentrantLock changes = new ReentrantLock();
    /** What a tracked tenant costs without its name's two strings. */
    private final long tenantBytes;
    private final long fixedBytes;
    private final List<String> fixedNames = new ArrayList<>();
    /** Budget left for series; written under the lock, read by requests. */
    private volatile long room;
    private volatile List<String> listed = List.of();
    private volatile boolean closed;
    // written by the maintenance, under the lock; volatile for the gauges that read them
    private volatile long loadBase;
    private volatile long otherCountAtDecay;
    private int runs;
    private long lastRotation;

    /** @param nanos the clock ({@code System::nanoTime}; tests drive their own) */
    public TenantRenderTimers(MetricRegistry registry, Settings settings, LongSupplier nanos) {
        this.registry = registry;
        this.settings = settings;
        this.nanos = nanos;
        this.other = new RecentTimer(RecentBucketReservoir.latencies().stripesPerProcessor().clock(nanos).build(), nanos);
        this.tenantBytes = HeapCosts.object(3, 0, 5) + 2 * HeapCosts.MAP_ENTRY + newTimer().estimatedBytes();
        this.fixedBytes = fixedBytes();
        long most = Math.max(0, (settings.budgetBytes() - fixedBytes) / (tenantBytes + 2 * HeapCosts.string(1)));
        this.tracked = new ConcurrentHashMap<>((int) Math.min(most + 1, 1 << 16));
        this.room = settings.budgetBytes() - fixedBytes;
        this.lastRotation = nanos.getAsLong();
        register(MetricNames.labeled(RENDER, "tenant", OTHER), other);
        register(MetricRegistry.name(TENANTS, "tracked"), (Gauge<Integer>) tracked::size);
        register(MetricRegistry.name(TENANTS, "folded"), (Gauge<Long>) folded::estimate);
        register(MetricRegistry.name(TENANTS, "budget", "bytes"), (Gauge<Long>) settings::budgetBytes);
        register(MetricRegistry.name(TENANTS, "bytes"), (Gauge<Long>) this::estimatedBytes);
        register(TENANTS, (Gauge<Map<String, Object>>) this::view);
    }

    private void register(String name, Metric metric) {
        registry.remove(name); // a previous instance's, if its bundle stopped without closing it
        registry.register(name, metric);
        fixedNames.add(name);
    }

    private RecentTimer newTimer() {
        return new RecentTimer(RecentBucketReservoir.latencies().clock(nanos).build(), nanos);
    }

    /** What is held whatever the tenants, registry entries included. */
    private long fixedBytes() {
        int gauges = 6;
        long names = gauges * (HeapCosts.object(1, 0, 0) + HeapCosts.MAP_ENTRY + HeapCosts.string(40));
        long listedGauges = settings.foldedListed() * (HeapCosts.object(2, 0, 0) + HeapCosts.MAP_ENTRY + 8
                + HeapCosts.string(FOLDED_RENDERS.length() + MAX_NAME + 10));
        return HeapCosts.object(16, 2, 5) + HeapCosts.object(4, 4, 0) /* the map */ + HeapCosts.object(3, 2, 0) /* lock */
                + other.estimatedBytes() + names + listedGauges + HeapCosts.array(settings.foldedListed(), 8)
                + HeapCosts.array(10, 8) /* their names */ + sketch.estimatedBytes() + folded.estimatedBytes()
                + candidates.estimatedBytes(MAX_NAME);
    }

    /**
     * A successful render. No lock, no allocation.
     *
     * @param durationNanos how long it took
     * @param endNanos when it ended, on the clock given at construction
     */
    public void rendered(String tenant, long durationNanos, long endNanos) {
        Tracked t = tracked.get(tenant);
        if (t == null && room > tenantBytes && tenant.length() <= MAX_NAME && !OTHER.equals(tenant)) {
            t = trackIfFree(tenant);
        }
        if (t != null) {
            t.timer.update(durationNanos, endNanos);
            return;
        }
        other.update(durationNanos, endNanos);
        int recent = sketch.increment(tenant);
        if (tenant.length() <= MAX_NAME) {
            candidates.offer(tenant, recent);
        }
        folded.add(tenant);
    }

    /** A series for a tenant while the budget has room, unless another thread holds the lock (then: folded). */
    private Tracked trackIfFree(String tenant) {
        if (!changes.tryLock()) {
            return null;
        }
        try {
            Tracked t = tracked.get(tenant);
            return t != null ? t : track(tenant, 0);
        } finally {
            changes.unlock();
        }
    }

    /** Under the lock: a tenant's series, registered; null if it does not fit the budget or cannot be named. */
    private Tracked track(String tenant, long recentRenders) {
        if (closed || OTHER.equals(tenant) || tenant.length() > MAX_NAME) {
            return null;
        }
        String name = MetricNames.labeled(RENDER, "tenant", tenant);
        long bytes = tenantBytes + HeapCosts.string(tenant.length()) + HeapCosts.string(name.length());
        if (bytes > room) {
            return null;
        }
        Tracked t = new Tracked(tenant, name, newTimer(), bytes);
        try {
            registry.register(name, t.timer);
        } catch (IllegalArgumentException taken) {
            return null; // a metric of that name that is not ours: the tenant stays folded
        }
        t.scoreBase = recentRenders;
        t.lastActive = nanos.getAsLong();
        tracked.put(tenant, t);
        room -= bytes;
        candidates.remove(tenant);
        return t;
    }

    /** Under the lock. */
    private void untrack(Tracked t) {
        tracked.remove(t.tenant);
        registry.remove(t.name);
        room += t.bytes;
    }

    /**
     * The periodic work, every {@link #MAINTENANCE_INTERVAL}: notes which tenants rendered, removes the series of
     * idle ones, swaps in folded tenants far busier than the least busy tracked ones, halves the recent counts once a
     * minute and names the busiest folded tenants.
     */
    public void maintain() {
        changes.lock();
        try {
            if (closed) {
                return;
            }
            long now = nanos.getAsLong();
            for (Tracked t : tracked.values()) {
                long count = t.timer.getCount();
                if (count != t.lastCount) {
                    t.lastCount = count;
                    t.lastActive = now;
                }
            }
            long idle = settings.idleExpiry().toNanos();
            for (Tracked t : List.copyOf(tracked.values())) {
                if (now - t.lastActive >= idle) {
                    untrack(t);
                }
            }
            promoteBusiestFolded();
            if (++runs % DECAY_EVERY == 0) {
                decay();
            }
            if (now - lastRotation >= idle) {
                folded.rotate();
                lastRotation = now;
            }
            relist();
        } finally {
            changes.unlock();
        }
    }

    private void promoteBusiestFolded() {
        int swaps = 0;
        int maxSwaps = Math.max(1, tracked.size() / 8);
        for (Folded c : busiestFolded()) {
            if (track(c.tenant(), c.renders()) != null) {
                continue; // there was room
            }
            Tracked victim = tracked.values().stream().min(Comparator.comparingLong(this::score)).orElse(null);
            if (victim == null || swaps >= maxSwaps || c.renders() <= LEAD_FACTOR * score(victim) + LEAD_RENDERS) {
                return;
            }
            untrack(victim);
            swaps++;
            track(c.tenant(), c.renders());
        }
    }

    private long score(Tracked t) {
        return t.scoreBase + t.lastCount - t.countAtDecay;
    }

    /** Folded renders counted in the sketch since its counters were last halved, decayed as they are. */
    private long load() {
        return loadBase + other.getCount() - otherCountAtDecay;
    }

    private void decay() {
        for (Tracked t : tracked.values()) {
            t.scoreBase = score(t) / 2;
            t.countAtDecay = t.lastCount;
        }
        long otherCount = other.getCount();
        loadBase = (loadBase + otherCount - otherCountAtDecay) / 2;
        otherCountAtDecay = otherCount;
        sketch.halve();
        candidates.halve();
    }

    /** The remembered folded tenants, busiest first, with their recent renders less the sketch's collisions. */
    private List<Folded> busiestFolded() {
        long collisions = load() / sketch.width();
        List<Folded> busiest = new ArrayList<>();
        for (String tenant : candidates.tenants()) {
            long renders = sketch.estimate(tenant) - collisions;
            if (renders > 0 && !tracked.containsKey(tenant)) {
                busiest.add(new Folded(tenant, renders));
            }
        }
        busiest.sort(Comparator.comparingLong(Folded::renders).reversed());
        return busiest;
    }

    /** Names the busiest folded tenants in the registry, {@code foldedListed} of them at most. */
    private void relist() {
        List<String> now = busiestFolded().stream().limit(settings.foldedListed()).map(Folded::tenant).toList();
        for (String tenant : listed) {
            if (!now.contains(tenant)) {
                registry.remove(MetricNames.labeled(FOLDED_RENDERS, "tenant", tenant));
            }
        }
        for (String tenant : now) {
            if (!listed.contains(tenant)) {
                String name = MetricNames.labeled(FOLDED_RENDERS, "tenant", tenant);
                registry.remove(name);
                registry.register(name, (Gauge<Long>) () -> foldedRenders(tenant));
            }
        }
        listed = now;
    }

    private long foldedRenders(String tenant) {
        return Math.max(0, sketch.estimate(tenant) - load() / sketch.width());
    }

    /** The tenants with a series, sorted. */
    public List<String> trackedTenants() {
        return tracked.keySet().stream().sorted().toList();
    }

    /** The busiest folded tenants named in the registry, busiest first (as of the last maintenance). */
    public List<Folded> listedFolded() {
        return listed.stream().map(t -> new Folded(t, foldedRenders(t))).toList();
    }

    /** Distinct tenants folded lately, estimated (see the class comment). */
    public long foldedTenants() {
        return folded.estimate();
    }

    /** An upper bound of the heap held: this structure, its series and their registry entries. */
    public long estimatedBytes() {
        return settings.budgetBytes() - room;
    }

    /** Everything above as one value (for {@code /metrics.json} and the dashboard). */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("budgetBytes", settings.budgetBytes());
        view.put("estimatedBytes", estimatedBytes());
        view.put("idleExpirySeconds", settings.idleExpiry().toSeconds());
        view.put("tracked", trackedTenants());
        view.put("foldedTenants", foldedTenants());
        view.put("foldedRenders", other.getCount());
        view.put("busiestFolded", listedFolded().stream()
                .map(f -> Map.of("tenant", f.tenant(), "renders", f.renders())).toList());
        return view;
    }

    /** Removes every metric this registered. */
    @Override
    public void close() {
        changes.lock();
        try {
            closed = true;
            for (Tracked t : List.copyOf(tracked.values())) {
                untrack(t);
            }
            for (String tenant : listed) {
                registry.remove(MetricNames.labeled(FOLDED_RENDERS, "tenant", tenant));
            }
            listed = List.of();
            fixedNames.forEach(registry::remove);
        } finally {
            changes.unlock();
        }
    }
}
