package io.memtune.alerting.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to a URL without holding up the alerting thread; failures are logged with the URL's scheme, host
 * and port only: a webhook's path or query is often its secret (Slack, Teams and many others).
 */
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

    /** The URL as logs may show it. */
    String redacted() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : "/…");
    }

    void post(byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("alert sink {} unreachable: {}", redacted(), error.getClass().getSimpleName());
            } else if (response.statusCode() >= 300) {
                String body = response.body() == null ? "" : response.body();
                LOG.warn("alert sink {} answered {}: {}", redacted(), response.statusCode(),
                        body.length() > 200 ? body.substring(0, 200) + "…" : body);
            }
        });
    }
}
