package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.memtune.api.profiler.ClassLoaderLeaks;

/**
 * Every memtune bundle updated in turn while clients render: no request fails, not even a 503, and no old
 * revision's class loader stays reachable. While the template service is away (the template bundle updated)
 * requests wait for its replacement at the HTTP endpoint; while the execution optimizer or the concurrency bundle
 * is away they render without it; while the HTTP bundle itself is away (its endpoint unregistered), the health
 * bundle's gate holds them until the new endpoint is there. Left out: the API bundle (its update waits for a refresh
 * the operator chooses).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapUnderLoadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\", \"workers.min\": 2,"
                // no shedding: a swap of the engine recompiles every page, a latency spike that shedding would
                // answer with 503s by design; this test is about the swap, not about overload control
                + " \"workers.max\": 4, \"queue.interactive\": 500, \"deadline.ms\": 30000, \"shed.target.ms\": 10000},\n"
                + "  \"io.memtune.profiler.leaks\": {\"check.interval.ms\": 300, \"grace.ms\": 3000, \"settle.ms\": 6000, \"collections\": 3}\n"
                + "}\n"));
    }

    @Test
    public void everyBundleUpdatedUnderLoadFailsNoRequestAndLeaksNoClassLoader() throws Exception {
        Workspace workspace = new Workspace(context);
        workspace.write("templates/_shared/layout.html.mustache", "<html>{{$body}}{{/body}}</html>");
        workspace.write("templates/acme/page.html.mustache", "{{<layout.html}}{{$body}}{{#items}}<li>{{.}}</li>{{/items}}"
                + "{{/body}}{{/layout.html}}");
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/render/acme/page.html");
        List<String> updated = new ArrayList<>();
        try (RenderLoad load = new RenderLoad(uri, "{\"items\": [1, 2, 3]}", 4)) {
            Workspace.await("the load answered", TIMEOUT, () -> load.ok() > 20);
            // the profiler first: its leak check then watches every other update
            List<Bundle> bundles = new ArrayList<>(List.of(context.getBundles()));
            bundles.sort(java.util.Comparator.comparing((Bundle x) -> !"io.memtune.profiler".equals(x.getSymbolicName())));
            for (Bundle b : bundles) {
                String name = b.getSymbolicName();
                if (!name.startsWith("io.memtune.") || name.equals("io.memtune.api")) {
                    continue;
                }
                long before = load.ok();
                long failedBefore = load.failed();
                b.update();
                Workspace.await(name + " active again", TIMEOUT, () -> b.getState() == Bundle.ACTIVE);
                Workspace.await("requests answered after " + name, TIMEOUT, () -> load.ok() > before + 10);
                updated.add(name + (load.failed() > failedBefore ? " (" + (load.failed() - failedBefore) + " failed)" : ""));
            }
            assertEquals("failed requests " + load.failures() + " while updating " + updated, 0, load.failed());
        }
        assertTrue("the memtune bundles were updated: " + updated, updated.size() >= 14);
        ClassLoaderLeaks leaks = context.getService(context.getServiceReference(ClassLoaderLeaks.class));
        // the old revisions are collected; a zombie would stay "watching", then be declared leaked. The leak check
        // stops asking for collections when its settle window (6 s here) ends: a revision released after that (a
        // request or a check still running on a loaded machine) is only told from a leak by another full collection,
        // which this wait asks for itself; what is still reachable after a minute of them is a leak
        try {
            Workspace.await("every old revision collected", Duration.ofSeconds(60), () -> {
                System.gc();
                return leaks.suspects().isEmpty();
            });
        } catch (AssertionError timedOut) {
            // reported below, naming the revisions still reachable
        }
        assertEquals(List.of(), leaks.suspects().stream().map(Object::toString).collect(Collectors.toList()));
    }
}
