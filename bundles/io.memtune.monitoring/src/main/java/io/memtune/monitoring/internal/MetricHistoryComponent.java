package io.memtune.monitoring.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.MetricRegistry;

import io.memtune.api.metrics.MetricHistory;
import io.memtune.monitoring.core.Daemons;
import io.memtune.monitoring.core.SeriesHistory;

/** The {@link MetricHistory} service: the key series sampled from the registry every resolution. */
@Component(service = MetricHistory.class, configurationPid = MetricHistoryComponent.PID)
@Designate(ocd = MetricHistoryComponent.Config.class)
public final class MetricHistoryComponent implements MetricHistory {

    static final String PID = "io.memtune.monitoring.history";

    @ObjectClassDefinition(name = "memtune metric history", description = "Which series are kept, how often, how long.")
    public @interface Config {
        @AttributeDefinition(name = "Resolution (ms)", description = "One sample per series this often.",
                min = "100", max = "3600000")
        long resolution_ms() default 1000;

        @AttributeDefinition(name = "Samples kept", description = "Per series; with the resolution, how far back.",
                min = "2", max = "100000")
        int capacity() default 600;

        @AttributeDefinition(name = "Series", description = "Metric names, or prefixes ending in *.")
        String[] series() default {"memtune.jvm.heap.used.after.gc", "memtune.jvm.memory.heap.used",
            "memtune.jvm.memory.heap.committed", "memtune.jvm.gc.overhead", "memtune.jvm.allocation.rate",
            "memtune.jvm.threads.count", "memtune.template.render*", "memtune.template.cache*", "memtune.profiler*"};
    }

    private final SeriesHistory history;
    private final ScheduledExecutorService recorder;

    @Activate
    public MetricHistoryComponent(@Reference MetricRegistry registry, Config config) {
        this.history = new SeriesHistory(Arrays.asList(config.series()), config.capacity(),
                Duration.ofMillis(config.resolution_ms()));
        this.recorder = Daemons.scheduler("memtune-metric-history");
        recorder.scheduleAtFixedRate(() -> history.record(registry, System.currentTimeMillis()), 0,
                config.resolution_ms(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        recorder.shutdownNow();
    }

    @Override
    public List<String> seriesNames() {
        return history.seriesNames();
    }

    @Override
    public List<Sample> samples(String name) {
        return history.samples(name);
    }

    @Override
    public Duration resolution() {
        return history.resolution();
    }

    @Override
    public int capacity() {
        return history.capacity();
    }
}
