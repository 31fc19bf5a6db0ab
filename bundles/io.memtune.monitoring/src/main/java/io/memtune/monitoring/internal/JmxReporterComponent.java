package io.memtune.monitoring.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;

/** Publishes the registry as JMX MBeans (domain configurable), for tools that speak JMX. */
@Component(service = {}, immediate = true, configurationPid = JmxReporterComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JmxReporterComponent.Config.class)
public final class JmxReporterComponent {

    static final String PID = "io.memtune.monitoring.jmx";

    @ObjectClassDefinition(name = "memtune JMX reporter", description = "The registry as MBeans.")
    public @interface Config {
        @AttributeDefinition(name = "Domain", description = "The JMX domain of the MBeans.")
        String domain() default "memtune";
    }

    private final JmxReporter reporter;

    @Activate
    public JmxReporterComponent(@Reference MetricRegistry registry, Config config) {
        this.reporter = JmxReporter.forRegistry(registry).inDomain(config.domain()).build();
        reporter.start();
    }

    @Deactivate
    void stop() {
        reporter.stop();
    }
}
