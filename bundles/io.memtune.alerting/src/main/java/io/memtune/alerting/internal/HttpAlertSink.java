package io.memtune.alerting.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts JSON to a URL without holding up the alerting thread; failures are logged with the URL. */
final class HttpAlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAlertSink.class);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    HttpAlertSink(String url) {
        this.uri = URI.create(url);
    }

    URI uri() {
        return uri;
    }

    void post(byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("alert sink {} unreachable: {}", uri, error.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warn("alert sink {} answered {}: {}", uri, response.statusCode(), response.body());
            }
        });
    }
}
