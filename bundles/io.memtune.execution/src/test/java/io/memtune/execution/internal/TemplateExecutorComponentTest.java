package io.memtune.execution.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.concurrency.ExecutorStatistics;
import io.memtune.api.concurrency.ManagedExecutor;
import io.memtune.api.concurrency.Priority;
import io.memtune.api.concurrency.RejectedException;
import io.memtune.api.execution.BatchItem;
import io.memtune.api.template.TemplateService;

/**
 * A batch's JSON is materialised only as admitted work: never by a request the executor refuses; stopping refuses new
 * work as a swap (not overload) and lets the running work finish.
 */
class TemplateExecutorComponentTest {

    private static final String BATCH = "[{\"name\": \"Ada\"}, {\"name\": \"Grace\"}]";

    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> new Thread(r, "render-worker"));

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    /** A body that tells who read it, and how much. */
    private static final class WatchedBody extends InputStream {
        private final InputStream bytes = new ByteArrayInputStream(BATCH.getBytes(StandardCharsets.UTF_8));
        final AtomicLong read = new AtomicLong();
        final AtomicReference<String> readOn = new AtomicReference<>();

        @Override
        public int read() throws IOException {
            readOn.compareAndSet(null, Thread.currentThread().getName());
            int b = bytes.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }
    }

    /** The render executor: refusing everything for {@code refusal} (null: none), or running tasks on its worker. */
    private ConcurrencyManager executor(RejectedException.Reason refusal) {
        ManagedExecutor render = new ManagedExecutor() {
            @Override
            public String name() {
                return "render";
            }

            @Override
            public <T> CompletableFuture<T> submit(Priority priority, Duration deadline, Callable<T> task) {
                if (refusal != null) {
                    return CompletableFuture.failedFuture(new RejectedException("render", refusal, Duration.ofSeconds(5),
                            "render: refused (" + refusal + ")"));
                }
                CompletableFuture<T> done = new CompletableFuture<>();
                workers.execute(() -> {
                    try {
                        done.complete(task.call());
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                });
                return done;
            }

            @Override
            public ExecutorStatistics statistics() {
                throw new UnsupportedOperationException();
            }
        };
        return new ConcurrencyManager() {
            @Override
            public Optional<ManagedExecutor> executor(String name) {
                return Optional.of(render).filter(e -> e.name().equals(name));
            }

            @Override
            public List<ExecutorStatistics> statistics() {
                return List.of();
            }
        };
    }

    /** Renders "Hello {name}". */
    private static TemplateService greetings() {
        return (TemplateService) Proxy.newProxyInstance(TemplateService.class.getClassLoader(),
                new Class<?>[] {TemplateService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("render")) {
                        ((Writer) args[3]).write("Hello " + ((Map<?, ?>) args[2]).get("name"));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private TemplateExecutorComponent component(boolean refuses) {
        return component(refuses ? RejectedException.Reason.MEMORY : null);
    }

    private TemplateExecutorComponent component(RejectedException.Reason refusal) {
        TemplateExecutorComponent.Config config = (TemplateExecutorComponent.Config) Proxy.newProxyInstance(
                TemplateExecutorComponent.Config.class.getClassLoader(), new Class<?>[] {TemplateExecutorComponent.Config.class},
                (proxy, method, args) -> method.getDefaultValue());
        TemplateExecutorComponent component = new TemplateExecutorComponent(config);
        component.templates = greetings();
        component.concurrency = executor(refusal);
        return component;
    }

    @Test
    void aBatchTheExecutorRefusesIsNeverRead() {
        WatchedBody body = new WatchedBody();

        RejectedException refused = assertThrows(RejectedException.class,
                () -> component(true).renderBatch("acme", "welcome.html", body));

        assertEquals(RejectedException.Reason.MEMORY, refused.reason());
        assertEquals(0, body.read.get(), "parsed before admission: a megabyte of JSON per request, refused or not");
    }

    @Test
    void anAdmittedBatchIsParsedOnTheExecutorAndRenderedItemByItem() {
        WatchedBody body = new WatchedBody();

        List<BatchItem> items = component(false).renderBatch("acme", "welcome.html", body);

        assertEquals(List.of("Hello Ada", "Hello Grace"), items.stream().map(BatchItem::output).toList());
        assertEquals("render-worker", body.readOn.get());
        assertNotEquals(Thread.currentThread().getName(), body.readOn.get());
    }

    @Test
    void workAnExecutorRefusesBecauseItIsStoppingRunsHereAsWithoutOne() {
        // its bundle is being updated: a swap, not overload, so no request may fail for it
        WatchedBody body = new WatchedBody();

        List<BatchItem> items = component(RejectedException.Reason.SHUTDOWN).renderBatch("acme", "welcome.html", body);

        assertEquals(List.of("Hello Ada", "Hello Grace"), items.stream().map(BatchItem::output).toList());
        assertEquals(Thread.currentThread().getName(), body.readOn.get());
    }

    @Test
    void onceStoppingItRefusesNewRendersAsShutdownSoThatTheEndpointRendersWithoutIt() throws Exception {
        TemplateExecutorComponent component = component(false);
        component.stop();

        RejectedException refused = assertThrows(RejectedException.class,
                () -> component.renderBatch("acme", "welcome.html", new WatchedBody()));

        assertEquals(RejectedException.Reason.SHUTDOWN, refused.reason());
    }

    @Test
    void stoppingWaitsForTheRendersRunning() throws Exception {
        TemplateExecutorComponent component = component(false);
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        component.templates = (TemplateService) Proxy.newProxyInstance(TemplateService.class.getClassLoader(),
                new Class<?>[] {TemplateService.class}, (proxy, method, args) -> {
                    rendering.countDown();
                    release.await();
                    ((Writer) args[3]).write("done");
                    return null;
                });
        CompletableFuture<List<BatchItem>> batch = CompletableFuture.supplyAsync(
                () -> component.renderBatch("acme", "welcome.html", new WatchedBody()));
        rendering.await();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                component.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(200);
        assertFalse(stopped.isDone(), "a render is still running");
        release.countDown();

        stopped.get(5, TimeUnit.SECONDS);
        assertEquals("done", batch.get(5, TimeUnit.SECONDS).get(0).output());
    }
}
