package io.memtune.api.pool;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Pooled HTTP connections to external services (a context provider fetching tenant data, say): kept-alive
 * connections reused, connect and request timeouts, at most so many requests at once per destination.
 */
@ProviderType
public interface HttpPool {

    /** The service property naming the pool. */
    String NAME_PROPERTY = "pool.name";

    String name();

    /**
     * Sends a request (the pool's request timeout applies when the request sets none).
     *
     * @throws PoolTimeoutException when the destination's limit stayed reached for the connect timeout
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException;

    PoolStatistics statistics();
}
