package io.memtune.pool.core;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.AbandonedConfig;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import com.codahale.metrics.Histogram;

import io.memtune.api.pool.Lease;
import io.memtune.api.pool.ObjectPool;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.pool.PoolTimeoutException;
import io.memtune.api.pool.ResourceFactory;

/**
 * An object pool on Apache Commons Pool2 with defaults that are safe where the engine's are not: a borrow
 * never waits forever, objects are validated on borrow, return and while idle, idle objects are evicted,
 * and objects kept past the abandonment timeout are reclaimed with the borrower's stack in the report.
 */
public final class CommonsObjectPool<T> implements ObjectPool<T>, PoolHandle {

    /**
     * @param min objects kept idle at least
     * @param max objects at most
     * @param borrowTimeout the longest a borrow waits
     * @param evictionInterval how often idle objects are checked
     * @param minIdleTime how long an object may idle before eviction
     * @param abandonedTimeout how long a borrower may keep an object, {@link Duration#ZERO} for no limit
     * @param band the scaling band of the maximum, or null for a fixed maximum
     */
    public record Settings(int min, int max, Duration borrowTimeout, Duration evictionInterval, Duration minIdleTime,
            Duration abandonedTimeout, ScalingBand band) {
    }

    private final String name;
    private final GenericObjectPool<T> pool;
    private final Duration borrowTimeout;
    private final ScalingBand band;
    private final Histogram waits = WaitHistogram.lastMinute();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    /**
     * @param report receives each abandonment report (with the borrower's stack)
     */
    public CommonsObjectPool(String name, ResourceFactory<T> factory, Settings settings, Consumer<String> report) {
        this.name = name;
        this.borrowTimeout = settings.borrowTimeout();
        this.band = settings.band();
        GenericObjectPoolConfig<T> config = new GenericObjectPoolConfig<>();
        config.setMinIdle(settings.min());
        config.setMaxIdle(settings.max());
        config.setMaxTotal(settings.max());
        config.setMaxWait(settings.borrowTimeout());
        config.setTestOnBorrow(true);
        config.setTestOnReturn(true);
        config.setTestWhileIdle(true);
        config.setTimeBetweenEvictionRuns(settings.evictionInterval());
        config.setMinEvictableIdleDuration(settings.minIdleTime());
        config.setJmxEnabled(false);
        AbandonedConfig abandonment = null;
        if (!settings.abandonedTimeout().isZero()) {
            abandonment = new AbandonedConfig();
            abandonment.setRemoveAbandonedOnMaintenance(true);
            abandonment.setRemoveAbandonedOnBorrow(true);
            abandonment.setRemoveAbandonedTimeout(settings.abandonedTimeout());
            abandonment.setLogAbandoned(true);
            abandonment.setRequireFullStackTrace(true);
            abandonment.setLogWriter(new PrintWriter(new ReportWriter(text -> {
                abandoned.incrementAndGet();
                report.accept("pool '" + name + "': " + text.strip());
            }), true));
        }
        this.pool = new GenericObjectPool<>(new Adapter(factory), config, abandonment);
    }

    /** Commons Pool's factory, counting validation failures. */
    private final class Adapter extends BasePooledObjectFactory<T> {
        private final ResourceFactory<T> factory;

        Adapter(ResourceFactory<T> factory) {
            this.factory = factory;
        }

        @Override
        public T create() throws Exception {
            return factory.create();
        }

        @Override
        public PooledObject<T> wrap(T object) {
            return new DefaultPooledObject<>(object);
        }

        @Override
        public boolean validateObject(PooledObject<T> p) {
            boolean valid = factory.validate(p.getObject());
            if (!valid) {
                invalid.incrementAndGet();
            }
            return valid;
        }

        @Override
        public void passivateObject(PooledObject<T> p) throws Exception {
            factory.reset(p.getObject());
        }

        @Override
        public void destroyObject(PooledObject<T> p) throws Exception {
            factory.destroy(p.getObject());
        }
    }

    /** Collects what Commons Pool prints per abandoned object into one report each. */
    private static final class ReportWriter extends Writer {
        private final Consumer<String> report;
        private final StringBuilder text = new StringBuilder();

        ReportWriter(Consumer<String> report) {
            this.report = report;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void flush() {
            if (text.length() > 0) {
                report.accept(text.toString());
                text.setLength(0);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease<T> borrow() {
        return borrow(borrowTimeout);
    }

    @Override
    public Lease<T> borrow(Duration timeout) {
        long start = System.nanoTime();
        T object;
        try {
            object = pool.borrowObject(timeout);
        } catch (NoSuchElementException e) {
            timeouts.incrementAndGet();
            throw new PoolTimeoutException(name, "pool '" + name + "': no object free within " + timeout.toMillis()
                    + " ms (" + pool.getNumActive() + " lent of " + pool.getMaxTotal() + ", " + pool.getNumWaiters()
                    + " waiting)", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("pool '" + name + "': cannot create an object: " + e, e);
        }
        waits.update(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        return new Lease<>() {
            private boolean done;

            @Override
            public T get() {
                return object;
            }

            @Override
            public synchronized void invalidate() {
                if (!done) {
                    done = true;
                    try {
                        pool.invalidateObject(object);
                    } catch (Exception e) {
                        // destroying a broken object failed: nothing more to do with it
                    }
                }
            }

            @Override
            public synchronized void close() {
                if (!done) {
                    done = true;
                    pool.returnObject(object);
                }
            }
        };
    }

    @Override
    public PoolStatistics statistics() {
        var snapshot = waits.getSnapshot();
        return new PoolStatistics(name, "objects", pool.getMinIdle(), pool.getMaxTotal(), pool.getNumActive() + pool.getNumIdle(),
                pool.getNumActive(), pool.getNumIdle(), pool.getNumWaiters(), pool.getBorrowedCount(), timeouts.get(),
                invalid.get(), pool.getDestroyedByEvictorCount(), abandoned.get(), snapshot.getMedian() / 1000.0,
                snapshot.get99thPercentile() / 1000.0, 0, 0);
    }

    @Override
    public void resize(int min, int max) {
        Resizing.check(name, min, max);
        pool.setMaxTotal(max);
        pool.setMaxIdle(max);
        pool.setMinIdle(min);
    }

    @Override
    public ScalingBand band() {
        return band;
    }

    @Override
    public void close() {
        pool.close();
    }
}
