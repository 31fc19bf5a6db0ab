package io.memtune.pool.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.Histogram;

import io.memtune.api.pool.HttpPool;
import io.memtune.api.pool.PoolStatistics;
import io.memtune.api.pool.PoolTimeoutException;
import io.memtune.pool.core.PoolHandle;
import io.memtune.pool.core.Resizing;
import io.memtune.pool.core.WaitHistogram;

/**
 * An HTTP client pool per configuration ({@code io.memtune.pool.http~<name>}): the JDK's HttpClient,
 * which keeps connections alive and reuses them, with a connect timeout, a default request timeout, and at
 * most {@code max.per.destination} requests at once per scheme://host:port (a slow service cannot take
 * every connection).
 */
@Component(service = {HttpPool.class, PoolHandle.class}, configurationPid = HttpPoolComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpPoolComponent.Config.class, factory = true)
public final class HttpPoolComponent implements HttpPool, PoolHandle {

    static final String FACTORY_PID = "io.memtune.pool.http";

    @ObjectClassDefinition(name = "memtune HTTP client pool", description = "Pooled connections to external services.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The pool's name (service property pool.name).")
        String pool_name();

        @AttributeDefinition(name = "Connect timeout (ms)", description = "Also the longest wait for a destination's slot.", min = "1")
        long connect_timeout_ms() default 2000;

        @AttributeDefinition(name = "Request timeout (ms)", description = "For requests that set none.", min = "1")
        long request_timeout_ms() default 5000;

        @AttributeDefinition(name = "Most per destination", description = "Requests at once to one destination.", min = "1")
        int max_per_destination() default 16;
    }

    private final String name;
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private volatile int maxPerDestination;
    private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final Histogram waits = WaitHistogram.lastMinute();

    @Activate
    public HttpPoolComponent(Config config) {
        this.name = config.pool_name();
        this.connectTimeout = Duration.ofMillis(config.connect_timeout_ms());
        this.requestTimeout = Duration.ofMillis(config.request_timeout_ms());
        this.maxPerDestination = config.max_per_destination();
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        URI uri = request.uri();
        String destination = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        Semaphore slots = destinations.computeIfAbsent(destination, d -> new Semaphore(maxPerDestination));
        long start = System.nanoTime();
        waiting.incrementAndGet();
        boolean acquired;
        try {
            acquired = slots.tryAcquire(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            timeouts.incrementAndGet();
            throw new PoolTimeoutException(name, "pool '" + name + "': " + maxPerDestination + " requests to " + destination
                    + " already running for " + connectTimeout.toMillis() + " ms", null);
        }
        waits.update(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        requests.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            HttpRequest timed = request.timeout().isPresent() ? request
                    : HttpRequest.newBuilder(request, (n, v) -> true).timeout(requestTimeout).build();
            return client.send(timed, body);
        } finally {
            inFlight.decrementAndGet();
            slots.release();
        }
    }

    @Override
    public PoolStatistics statistics() {
        var s = waits.getSnapshot();
        int max = maxPerDestination * Math.max(1, destinations.size());
        return new PoolStatistics(name, "http", 0, max, inFlight.get(), inFlight.get(), 0, waiting.get(), requests.get(),
                timeouts.get(), 0, 0, 0, s.getMedian() / 1000.0, s.get99thPercentile() / 1000.0, 0, 0);
    }

    /** {@code max} is the most requests at once per destination (for destinations seen from now on). */
    @Override
    public void resize(int min, int max) {
        Resizing.check(name, min, max);
        maxPerDestination = max;
        destinations.clear();
    }
}
