package io.memtune.alerting.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.memtune.api.alert.Alert;
import io.memtune.api.alert.AlertSink;
import io.memtune.api.alert.AlertState;

/**
 * Sends alerts to a Prometheus Alertmanager through its v2 API ({@code POST /api/v2/alerts}), so that a fleet
 * routes, groups and silences memtune's alerts with everything else. A firing alert is resent every repeat
 * interval with no end time; a resolved one is sent with {@code endsAt}.
 */
@Component(service = AlertSink.class, configurationPid = AlertmanagerSink.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AlertmanagerSink.Config.class, factory = true)
public final class AlertmanagerSink implements AlertSink {

    static final String FACTORY_PID = "io.memtune.alerting.alertmanager";

    @ObjectClassDefinition(name = "memtune Alertmanager sink", description = "A Prometheus Alertmanager to send alerts to.")
    public @interface Config {
        @AttributeDefinition(name = "URL", description = "The Alertmanager's base URL, e.g. http://127.0.0.1:9093.")
        String url();

        @AttributeDefinition(name = "Instance", description = "The instance label: which container sent the alert.")
        String instance() default "memtune";
    }

    private final HttpAlertSink http;
    private final String instance;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public AlertmanagerSink(Config config) {
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        this.http = new HttpAlertSink(base + "/api/v2/alerts");
        this.instance = config.instance();
    }

    @Override
    public void send(Alert alert) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>(alert.labels());
        labels.put("instance", instance);
        body.put("labels", labels);
        body.put("annotations", Map.of("summary", alert.summary(), "value", String.valueOf(alert.value())));
        Instant start = alert.firingSince() != null ? alert.firingSince() : Instant.now();
        body.put("startsAt", start.toString());
        if (alert.state() == AlertState.RESOLVED) {
            body.put("endsAt", (alert.resolvedAt() != null ? alert.resolvedAt() : Instant.now()).toString());
        }
        http.post(json.writeValueAsBytes(List.of(body)));
    }
}
