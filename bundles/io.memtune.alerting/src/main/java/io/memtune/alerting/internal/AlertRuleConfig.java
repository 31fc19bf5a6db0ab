package io.memtune.alerting.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.memtune.alerting.core.Rule;

/** One alert rule of the environment ({@code io.memtune.alerting.rule~<name>}). */
@Component(service = AlertRuleConfig.class, configurationPid = AlertRuleConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AlertRuleConfig.Config.class, factory = true)
public final class AlertRuleConfig {

    static final String FACTORY_PID = "io.memtune.alerting.rule";

    @ObjectClassDefinition(name = "memtune alert rule", description = "A rule on one metric series (or a family).")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The rule's name.")
        String rule_name();

        @AttributeDefinition(name = "Metric", description = "A registry name, or a prefix ending in * for each of its series.")
        String metric();

        @AttributeDefinition(name = "Condition", description = "> or < the threshold, rate> (per second over the"
                + " window), p99> (a timer's 99th percentile, ms).", options = {
                    @org.osgi.service.metatype.annotations.Option(value = ">"),
                    @org.osgi.service.metatype.annotations.Option(value = "<"),
                    @org.osgi.service.metatype.annotations.Option(value = "rate>"),
                    @org.osgi.service.metatype.annotations.Option(value = "p99>")})
        String condition() default ">";

        @AttributeDefinition(name = "Threshold", description = "The value the condition compares with.")
        double threshold();

        @AttributeDefinition(name = "Clear threshold", description = "Where a firing alert clears (hysteresis);"
                + " NaN: the threshold itself.")
        double clear_threshold() default Double.NaN;

        @AttributeDefinition(name = "For (ms)", description = "How long the condition must hold before firing.", min = "0")
        long for_ms() default 60_000;

        @AttributeDefinition(name = "Keep firing for (ms)", description = "How long it stays firing after clearing.", min = "0")
        long keep_firing_for_ms() default 60_000;

        @AttributeDefinition(name = "Window (ms)", description = "The window of a rate.", min = "1000")
        long window_ms() default 60_000;

        @AttributeDefinition(name = "Severity", description = "e.g. warning, critical.")
        String severity() default "warning";

        @AttributeDefinition(name = "Labels", description = "key=value pairs added to the alert.")
        String[] labels() default {};

        @AttributeDefinition(name = "Summary", description = "The alert's text; {{value}} and {{series}} are filled in.")
        String summary() default "{{series}} is {{value}}";

        @AttributeDefinition(name = "Action", description = "none, capture-profile, evict-template-cache or shrink-pool:<name>.")
        String action() default "none";
    }

    private final Rule rule;

    @Activate
    public AlertRuleConfig(Config c) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : c.labels()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("rule " + c.rule_name() + ": label '" + pair + "' is not key=value");
            }
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        double clear = Double.isNaN(c.clear_threshold()) ? c.threshold() : c.clear_threshold();
        this.rule = new Rule(c.rule_name(), c.metric(), Rule.Condition.of(c.condition()), c.threshold(), clear, c.for_ms(),
                c.keep_firing_for_ms(), c.window_ms(), c.severity(), labels, c.summary(), c.action());
    }

    Rule rule() {
        return rule;
    }
}
