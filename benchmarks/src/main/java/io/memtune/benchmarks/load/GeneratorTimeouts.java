package io.memtune.benchmarks.load;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The one timeout both load generators' clients apply everywhere: to connect, between two reads, for the answer and
 * for a connection from the pool. Past it a request counts as unanswered.
 */
final class GeneratorTimeouts {

    private GeneratorTimeouts() {
    }

    static ConnectionConfig connection(Duration timeout) {
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        return ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build();
    }

    static RequestConfig request(Duration timeout) {
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        return RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build();
    }
}
