package io.memtune.http.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

/**
 * Warms the request path when the container starts (see {@link WarmUp}): pages of the repository, each with
 * {@code <samples>/<template>.json} as its context when there is one ({@code {}} otherwise), posted to the
 * container's own {@code /render}, while the container starts (not when this bundle is updated or reconfigured
 * later: the JVM is warm then). A readiness check (Felix HC tag {@code systemready}): the container is not sent
 * traffic, and does not log "memtune ready", before it is warm.
 */
@Component(service = HealthCheck.class, immediate = true, configurationPid = WarmUpComponent.PID,
        property = {HealthCheck.NAME + "=memtune warm-up", HealthCheck.TAGS + "=systemready"})
@Designate(ocd = WarmUpComponent.Config.class)
public final class WarmUpComponent implements HealthCheck {

    static final String PID = "io.memtune.http.warmup";

    @ObjectClassDefinition(name = "memtune warm-up", description = "The container's own requests before it reports"
            + " ready, so that its first users do not meet a cold JIT.")
    public @interface Config {
        @AttributeDefinition(name = "Longest warm-up (s)", description = "It stops earlier once the server's CPU a"
                + " render stops falling and the JIT stops compiling (on one core that takes about a minute; on four,"
                + " a few seconds); 0: no warm-up.", min = "0", max = "600")
        int warmup_seconds() default 90;

        @AttributeDefinition(name = "Shortest warm-up (s)", description = "It runs at least this long before it may call"
                + " the rate steady.", min = "0", max = "600")
        int warmup_min_seconds() default 5;

        @AttributeDefinition(name = "Templates", description = "How many pages it posts, spread over names and tenants"
                + " (each compiled on its first post, then all posted in turn). Every page of the repository, up to"
                + " this: a page first requested after ready is compiled then, on its user's time, and the classes its"
                + " compilation loads undo the JIT's compiled code on the whole request path (measured: 2,000 pages"
                + " after a warm-up of 200 halved the first 20 s's renders).", min = "1")
        int warmup_templates() default 5000;

        @AttributeDefinition(name = "Connections", description = "How many requests it keeps in flight. Few: each"
                + " busy thread takes its share of the CPU from the JIT's compiler threads, which are what the"
                + " warm-up waits for.", min = "1", max = "256")
        int warmup_connections() default 2;

        @AttributeDefinition(name = "Sample contexts", description = "A directory of <template>.json contexts (relative"
                + " to the installation); a page without one is posted with {}.")
        String warmup_samples() default "samples";
    }

    /** The largest sample context read. */
    private static final long MAX_SAMPLE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpComponent.class);

    private final Thread runner;
    private volatile boolean warm;
    private final LongAdder progress = new LongAdder();
    private volatile boolean stopping;

    @Activate
    public WarmUpComponent(BundleContext context, Config config, @Reference TemplateService templates,
            @Reference ServiceReference<HttpServiceRuntime> http) {
        URI base = base(http.getProperty("osgi.http.endpoint"));
        Path samples = resolve(context.getProperty("memtune.home"), config.warmup_samples());
        this.runner = new Thread(() -> run(config, templates, base, samples), "memtune-warm-up");
        runner.setDaemon(true);
        // only while the container starts: a JVM already serving is warm, and a reconfiguration (of this component, or
        // of Felix HTTP, which registers its runtime again) or an update of this bundle must not take it out of the
        // load balancer to warm it again
        boolean starting = context.getBundle(0).getState() == org.osgi.framework.Bundle.STARTING;
        if (config.warmup_seconds() == 0 || base == null || !starting) {
            warm = true;
            if (base == null && starting) {
                LOG.warn("warm-up skipped: the HTTP endpoint's address is unknown ({})", http.getProperty("osgi.http.endpoint"));
            }
        } else {
            runner.start();
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopping = true;
        runner.interrupt();
        runner.join(5000);
    }

    /** Whether the warm-up is over (done, cut short by its time, or switched off). */
    public boolean warm() {
        return warm;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        if (warm) {
            log.info("warm");
        } else {
            log.temporarilyUnavailable("warming up: {} renders of its own so far", progress.sum());
        }
        return new Result(log);
    }

    private void run(Config config, TemplateService templates, URI base, Path samples) {
        try {
            List<WarmUp.Target> targets = targets(templates, samples, config.warmup_templates());
            WarmUp.Outcome o = new WarmUp(base, targets, config.warmup_connections(), config.warmup_seconds() * 1000L,
                    config.warmup_min_seconds() * 1000L, JvmCosts.INSTANCE).run(() -> stopping, progress);
            if (stopping) {
                return;
            }
            if (o.failing()) {
                LOG.warn("warm-up given up after {} ms: every render failed for {} s in a row ({} failed, by status {};"
                        + " the first: {}); the container serves cold. A render executor that refuses everything (its"
                        + " queue.interactive 0, its memory.line below the heap in use) or samples no page accepts (see"
                        + " warmup.samples) does this", o.millis(), WarmUp.FAILING_WINDOWS, o.failed(), o.failures(),
                        o.firstFailure());
            } else {
                LOG.info("warm-up: {} renders of {} pages in {} ms ({} failed{}), {} µs of the server's CPU a render at"
                        + " the end{}",
                        o.requests(), targets.size(), o.millis(), o.failed(),
                        o.failed() == 0 ? "" : ", by status " + o.failures() + "; the first: " + o.firstFailure(),
                        Math.round(o.cpuPerRequest()), o.steady() ? ", steady" : ", stopped by warmup.seconds before it was steady");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("warm-up failed, the container serves cold: {}", e.toString());
        } finally {
            warm = true;
        }
    }

    /** A spread of the repository: the i-th name of every tenant before the (i+1)-th, up to {@code max} pages. */
    static List<WarmUp.Target> targets(TemplateService templates, Path samples, int max) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        for (String tenant : templates.tenants()) {
            try {
                byTenant.put(tenant, templates.templates(tenant).stream().map(TemplateInfo::name).sorted().toList());
            } catch (TemplateException e) {
                // the tenant went away meanwhile
            }
        }
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        List<WarmUp.Target> targets = new ArrayList<>();
        for (int i = 0; targets.size() < max; i++) {
            boolean any = false;
            for (Map.Entry<String, List<String>> e : byTenant.entrySet()) {
                if (i < e.getValue().size() && targets.size() < max) {
                    String name = e.getValue().get(i);
                    byte[] body = bodies.computeIfAbsent(name, n -> sample(samples, n));
                    targets.add(new WarmUp.Target("/render/" + e.getKey() + "/" + name, body));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return targets;
    }

    private static byte[] sample(Path samples, String template) {
        Path file = samples == null ? null : samples.resolve(template + ".json");
        try {
            if (file != null && Files.isRegularFile(file) && Files.size(file) <= MAX_SAMPLE_BYTES) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            // posted with {} instead
        }
        return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The container's own address from the whiteboard's endpoint; a wildcard host is reached on the loopback. */
    static URI base(Object endpoint) {
        String first = endpoint instanceof String[] all ? (all.length == 0 ? null : all[0])
                : endpoint instanceof java.util.Collection<?> c ? (c.isEmpty() ? null : String.valueOf(c.iterator().next()))
                : endpoint == null ? null : endpoint.toString();
        if (first == null) {
            return null;
        }
        URI uri = URI.create(first);
        if (uri.getPort() < 0) {
            return null;
        }
        String host = uri.getHost() == null || uri.getHost().equals("0.0.0.0") || uri.getHost().equals("[::]")
                || uri.getHost().equals("::") ? "127.0.0.1" : uri.getHost();
        return URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                + uri.getPort());
    }

    private static Path resolve(String home, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }
}
