package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.function.IntConsumer;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The open loop's HTTP client: non-blocking HTTP/1.1 on one event-loop thread (Apache HttpClient 5's async client),
 * keep-alive, a connection per request out, as wrk does. With a blocking client the open loop needed a thread per
 * request out: once a pause let answers pile up, hundreds of sending threads shared the 2 cores with the server's,
 * each request cost more, and the generator fell seconds behind its own schedule even below the server's capacity.
 * One event loop sends and reads every request, however many are out. What must be off is off, as in
 * {@link BlockingHttp}: retries, redirects, cookies, connection state and auth caching.
 */
final class AsyncHttp implements AutoCloseable {

    private final CloseableHttpAsyncClient client;

    /**
     * @param connections as many as requests can be out at once, so a request never waits for a connection
     * @param timeout to connect, and for the answer: past it the request has no answer
     */
    AsyncHttp(int connections, Duration timeout) {
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(GeneratorTimeouts.connection(timeout)).build();
        this.client = HttpAsyncClients.custom().setConnectionManager(pool).setDefaultRequestConfig(GeneratorTimeouts.request(timeout))
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableConnectionState().disableAuthCaching().build();
        client.start();
    }

    /**
     * POSTs the target's body without waiting; {@code status} gets the answer's status on the event loop, or {@code -1}
     * for no answer (refused, reset, timed out, or the client closed first). It must be quick: it holds up every
     * other answer.
     */
    void post(PreparedPost target, IntConsumer status) {
        client.execute(SimpleRequestBuilder.post(target.uri()).setBody(target.body(), BlockingHttp.JSON).build(),
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        status.accept(response.getCode());
                    }

                    @Override
                    public void failed(Exception e) {
                        status.accept(-1);
                    }

                    @Override
                    public void cancelled() {
                        status.accept(-1);
                    }
                });
    }

    /** Closes every connection at once, those of requests still out too: their callbacks get no answer now. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
