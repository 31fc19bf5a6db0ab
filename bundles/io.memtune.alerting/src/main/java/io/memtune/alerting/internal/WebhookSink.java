package io.memtune.alerting.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.memtune.api.alert.Alert;
import io.memtune.api.alert.AlertSink;

/** Posts each alert as JSON to a URL ({@code io.memtune.alerting.webhook~<name>}). */
@Component(service = AlertSink.class, configurationPid = WebhookSink.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookSink.Config.class, factory = true)
public final class WebhookSink implements AlertSink {

    static final String FACTORY_PID = "io.memtune.alerting.webhook";

    @ObjectClassDefinition(name = "memtune webhook sink", description = "A URL alerts are posted to as JSON.")
    public @interface Config {
        @AttributeDefinition(name = "URL", description = "Where to POST.")
        String url();
    }

    private final HttpAlertSink http;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Activate
    public WebhookSink(Config config) {
        this.http = new HttpAlertSink(config.url());
    }

    @Override
    public void send(Alert alert) throws Exception {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("rule", alert.rule());
        body.put("state", alert.state().name().toLowerCase());
        body.put("severity", alert.severity());
        body.put("labels", alert.labels());
        body.put("summary", alert.summary());
        body.put("value", alert.value());
        body.put("firingSince", alert.firingSince() == null ? null : alert.firingSince().toString());
        body.put("resolvedAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
        http.post(json.writeValueAsBytes(body));
    }
}
