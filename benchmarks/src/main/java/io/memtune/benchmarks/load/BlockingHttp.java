package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

/**
 * The load generators' HTTP client: blocking HTTP/1.1 on the caller's own thread, keep-alive, as wrk does. The
 * JDK's {@code java.net.http.HttpClient} hands every request to its selector thread and the answer back, and on 2
 * cores shared with the server under test those hand-offs cost so much that the generator, not the server, set
 * the tail (p99 about 5 ms at 15 users where wrk measured about 1 ms against the same server).
 *
 * <p>Everything a load generator must not do is off: a retry would hide a failure and send twice, a redirect
 * would measure another page, and cookies, compression, connection state and auth caching are per-request work
 * for nothing against a server that uses none of them.
 */
final class BlockingHttp implements AutoCloseable {

    // no charset parameter: the header the JDK client (and wrk) sent, so the server sees the same request
    static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;

    /**
     * @param connections as many as requests can be out at once (a user or a sending thread each), so a request
     *     never waits for a connection: that wait would be the generator's, not the server's
     * @param timeout to connect, and for the answer (between two reads): past it the request is a failure
     */
    BlockingHttp(int connections, Duration timeout) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(GeneratorTimeouts.connection(timeout)).build();
        this.client = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(GeneratorTimeouts.request(timeout))
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
                .disableConnectionState().disableAuthCaching().build();
    }

    /**
     * POSTs the target's body and returns the answer's status; the answer's body is read to its end and dropped,
     * which is what returns the connection to the pool for the next request (keep-alive) instead of closing it.
     *
     * @throws IOException no answer: refused, reset, or the timeout passed
     */
    int post(PreparedPost target) throws IOException {
        HttpPost post = new HttpPost(target.uri());
        post.setEntity(new ByteArrayEntity(target.body(), JSON));
        return client.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    /** An answer: its status and body. */
    record Answer(int status, byte[] body) {
    }

    /**
     * POSTs {@code body} to {@code uri} and returns the answer with its body (a benchmark that checks what was rendered).
     *
     * @throws IOException no answer: refused, reset, or the timeout passed
     */
    Answer exchange(URI uri, byte[] body) throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body, JSON));
        return client.execute(post, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    /** As {@link #post}, with {@code -1} for no answer (how the load generators count it). */
    int statusOf(PreparedPost target) {
        try {
            return post(target);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Closes the connections, idle ones with a FIN, so the server sees clients leave rather than reset. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /**
     * Closes every connection at once, those of requests still out too: their run gave up waiting, and their
     * threads fail now instead of blocking until the server answers.
     */
    void abort() {
        client.close(CloseMode.IMMEDIATE);
    }
}
