package io.memtune.shell.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what the framework and SCR write to the OSGi log service (a component that failed to activate,
 * a bundle that did not resolve) into the container's log, where operators look; otherwise those entries
 * stay in the log service's memory and nobody sees them. A configuration change reactivates it.
 */
@Component(service = {}, immediate = true, configurationPid = LogForwarder.PID)
@Designate(ocd = LogForwarder.Config.class)
public final class LogForwarder implements LogListener {

    static final String PID = "io.memtune.shell.log";

    @ObjectClassDefinition(name = "memtune OSGi log forwarding",
            description = "Which OSGi log service entries reach the container's log.")
    public @interface Config {
        @AttributeDefinition(name = "Level", description = "The least severe level forwarded.")
        LogLevel level() default LogLevel.WARN;
    }

    private final LogReaderService reader;
    private final LogLevel threshold;

    @Activate
    public LogForwarder(@Reference LogReaderService reader, Config config) {
        this.reader = reader;
        this.threshold = config.level();
        reader.addLogListener(this);
    }

    @Deactivate
    void stop() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!threshold.implies(entry.getLogLevel())) {
            return;
        }
        String source = entry.getBundle() == null ? "osgi" : "osgi." + entry.getBundle().getSymbolicName();
        Logger log = LoggerFactory.getLogger(source);
        String message = entry.getServiceReference() == null ? entry.getMessage()
                : entry.getMessage() + " [" + entry.getServiceReference() + "]";
        switch (entry.getLogLevel()) {
            case AUDIT:
            case ERROR:
                log.error(message, entry.getException());
                break;
            case WARN:
                log.warn(message, entry.getException());
                break;
            case INFO:
                log.info(message, entry.getException());
                break;
            default:
                log.debug(message, entry.getException());
        }
    }
}
