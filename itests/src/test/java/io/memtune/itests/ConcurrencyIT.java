package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.Priority;

/**
 * The concurrency bundle inside Felix: executors from the environment file, resized by a change of it,
 * statistics through the service and the shell, and overload of the render endpoint answered with 503 and
 * Retry-After at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConcurrencyIT {

    private static final String ENVIRONMENT = "{\n"
            + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
            + "  \"io.memtune.concurrency.executor~render\": {\"executor.name\": \"render\", \"workers.min\": 1,"
            + " \"workers.max\": 1, \"limit.initial\": 1, \"queue.interactive\": 1, \"deadline.ms\": 5000}\n"
            + "}\n";

    @Inject
    private BundleContext context;

    @Inject
    private ConcurrencyManager concurrency;

    @Inject
    private CommandProcessor shell;

    private Workspace workspace;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container(ENVIRONMENT));
    }

    @Before
    public void slowTemplate() throws Exception {
        workspace = new Workspace(context);
        // slow enough to hold the only worker: a long list rendered with nested sections
        workspace.write("templates/acme/slow.mustache", RenderLoad.SLOW_TEMPLATE);
        Workspace.await("the render executor", Duration.ofSeconds(15), () -> concurrency.executor("render").isPresent());
    }

    @Test
    public void theExecutorComesFromTheEnvironmentFileAndAChangeResizesItLive() throws Exception {
        assertEquals(1, concurrency.executor("render").orElseThrow().statistics().maxWorkers());
        workspace.writeEnvironment(ENVIRONMENT.replace("\"workers.max\": 1", "\"workers.max\": 3"));
        Workspace.await("the executor resized to 3 workers", Duration.ofSeconds(15), () -> concurrency.executor("render")
                .map(e -> e.statistics().maxWorkers() == 3).orElse(false));
        workspace.writeEnvironment(ENVIRONMENT);
        Workspace.await("back to 1 worker", Duration.ofSeconds(15), () -> concurrency.executor("render")
                .map(e -> e.statistics().maxWorkers() == 1).orElse(false));
    }

    @Test
    public void overloadIsAnsweredAtOnceWith503RetryAfterAndTheReason() throws Exception {
        String body = RenderLoad.slowTableContext();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/render/acme/slow");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int overloaded = 0;
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(r.body(), 503, r.statusCode());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                // a full queue, or queued work shed for waiting too long: both are overload, answered at once
                assertTrue(r.body(), r.body().startsWith("{\"error\":\"overloaded\"")
                        && (r.body().contains("(queue_full)") || r.body().contains("(shed)")));
                overloaded++;
            }
        }
        assertTrue("some rendered: " + ok, ok >= 1);
        assertTrue("one worker and a queue of one cannot take twelve at once: " + overloaded, overloaded >= 1);
        // a task is counted completed just after its result is handed over: the count may trail the responses
        int answered = ok;
        Workspace.await("the executor counted the renders", Duration.ofSeconds(10), () -> concurrency.executor("render")
                .orElseThrow().statistics().classes().get(Priority.INTERACTIVE).completed() >= answered);
    }

    @Test
    public void theShellShowsTheExecutors() throws Exception {
        String text = ShellCommands.run(shell, "memtune:workers", "memtune:executor render");
        assertTrue(text, text.contains("render") && text.contains("interactive queued") && text.contains("rejected {"));
    }
}
