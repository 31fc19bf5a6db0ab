package io.memtune.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The render endpoint: its guard of the heap (the body budget is checked before a byte of a body is read), and a
 * template service being replaced (requests wait for it, and a stopping one is asked again on its replacement).
 */
class RenderServletTest {

    private static final int MAX_BODY = 100;
    /** How long a request waits for an absent template service in these tests (unless a test says otherwise). */
    private static final long WAIT_MS = 50;

    /** What a request got. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** A body that counts the bytes the servlet reads from it. */
    private static final class CountedBody extends ServletInputStream {
        private final ByteArrayInputStream bytes;
        final AtomicLong read = new AtomicLong();

        CountedBody(int size) {
            this.bytes = new ByteArrayInputStream("{}".repeat(size / 2).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int read() {
            int b = bytes.read();
            if (b >= 0) {
                read.incrementAndGet();
            }
            return b;
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

    private static RenderServlet servlet(BodyBudget bodies) {
        return servlet(bodies, WAIT_MS);
    }

    private static RenderServlet servlet(BodyBudget bodies, long waitMillis) {
        return servlet(bodies, waitMillis, 16);
    }

    private static RenderServlet servlet(BodyBudget bodies, long waitMillis, int waiters) {
        return servlet(bodies, waitMillis, waiters, MAX_BODY);
    }

    private static RenderServlet servlet(BodyBudget bodies, long waitMillis, int waiters, int maxBody) {
        RenderServlet.Config config = (RenderServlet.Config) Proxy.newProxyInstance(RenderServlet.Config.class.getClassLoader(),
                new Class<?>[] {RenderServlet.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "render_max_body_bytes" -> maxBody;
                    case "unavailable_wait_ms" -> waitMillis;
                    case "unavailable_waiters" -> waiters;
                    default -> method.getDefaultValue();
                });
        return new RenderServlet(config, bodies);
    }

    /** @param declared the Content-Length, -1 for a chunked body */
    private static HttpServletRequest request(long declared, CountedBody body) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPathInfo" -> "/acme/invoice.html";
                    case "getRequestURI" -> "/render/acme/invoice.html";
                    case "getContentLengthLong" -> declared;
                    case "getInputStream" -> body;
                    default -> null;
                });
    }

    private static Answer post(RenderServlet servlet, HttpServletRequest request) throws IOException {
        int[] status = {200};
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "getOutputStream" -> out;
                    case "isCommitted" -> false;
                    default -> null;
                });
        servlet.doPost(request, response);
        return new Answer(status[0], headers, body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestBeyondTheBodyBudgetIsAnswered503WithRetryAfterBeforeItsBodyIsRead() throws IOException {
        BodyBudget bodies = new BodyBudget(1000);
        bodies.tryReserve(950); // the bodies of requests in progress
        CountedBody body = new CountedBody(80);

        Answer a = post(servlet(bodies), request(80, body));

        assertEquals(503, a.status(), a.body());
        assertEquals("1", a.headers().get("Retry-After"));
        assertEquals("close", a.headers().get("Connection"), "else the server reads the body it refused");
        assertTrue(a.body().contains("\"error\":\"overloaded\"") && a.body().contains("(bodies)"), a.body());
        assertEquals(0, body.read.get(), "not a byte of the body read");
        assertEquals(950, bodies.reserved());
    }

    @Test
    void aChunkedBodyReservesTheLimitAndGivesItBackWhenTheRequestEnds() throws IOException {
        BodyBudget bodies = new BodyBudget(1000);
        bodies.tryReserve(900 - MAX_BODY); // room for exactly one body of unknown length
        CountedBody tooLarge = new CountedBody(2 * MAX_BODY);

        Answer a = post(servlet(bodies), request(-1, tooLarge));

        assertEquals(413, a.status(), a.body());
        assertEquals(MAX_BODY + 1, tooLarge.read.get(), "read up to the limit, admitted by the budget");
        assertEquals(900 - MAX_BODY, bodies.reserved(), "given back");
        assertFalse(bodies.tryReserve(MAX_BODY + 101), "the budget is still counted");
    }

    @Test
    void aBodyDeclaredOverTheLimitIsAnswered413WithoutTakingFromTheBudget() throws IOException {
        BodyBudget bodies = new BodyBudget(1000);
        CountedBody body = new CountedBody(MAX_BODY + 2);

        Answer a = post(servlet(bodies), request(MAX_BODY + 2, body));

        assertEquals(413, a.status(), a.body());
        assertEquals(0, body.read.get());
        assertEquals(0, bodies.reserved());
    }

    @Test
    void whileTheTemplateServiceStaysAwayARequestWaitsItsTimeThenIsAnswered503WithRetryAfter() throws IOException {
        BodyBudget bodies = new BodyBudget(1000);
        CountedBody body = new CountedBody(20);

        Answer a = post(servlet(bodies), request(20, body)); // no template service bound: it is being replaced

        assertEquals(503, a.status(), a.body());
        assertEquals("1", a.headers().get("Retry-After"));
        assertTrue(a.body().contains("\"error\":\"unavailable\"") && a.body().contains("did not come back within "
                + WAIT_MS + " ms"), a.body());
        assertEquals(0, bodies.reserved(), "its body's share given back");
    }

    @Test
    void aRequestWaitsForTheTemplateServiceToComeBackAndIsRendered() throws Exception {
        RenderServlet servlet = servlet(new BodyBudget(1000), 10_000);
        FakeTemplateService service = new FakeTemplateService("page");
        Thread binder = new Thread(() -> {
            sleep(300);
            servlet.bindTemplates(service);
        });
        binder.start();

        long start = System.nanoTime();
        Answer a = post(servlet, request(20, new CountedBody(20)));

        binder.join();
        assertEquals(200, a.status(), a.body());
        assertEquals("page", a.body());
        assertTrue(System.nanoTime() - start >= 250_000_000L, "it waited for the service");
    }

    @Test
    void aServiceThatIsStoppingIsAskedAgainOnItsReplacement() throws Exception {
        RenderServlet servlet = servlet(new BodyBudget(1000), 10_000);
        FakeTemplateService stopping = new FakeTemplateService(null);
        FakeTemplateService replacement = new FakeTemplateService("from the new one");
        servlet.bindTemplates(stopping);
        Thread swap = new Thread(() -> {
            sleep(200);
            servlet.bindTemplates(replacement); // greedy: the new one is bound before the old one leaves
            servlet.unbindTemplates(stopping);
        });
        swap.start();

        Answer a = post(servlet, request(20, new CountedBody(20)));

        swap.join();
        assertEquals(200, a.status(), a.body());
        assertEquals("from the new one", a.body());
        assertEquals(1, stopping.calls.get(), "asked once, answered it is stopping");
    }

    @Test
    void aSmallBodyTheExecutionOptimizerWouldRefuseIsDroppedUnparsedAndItsConnectionKept() throws IOException {
        RenderServlet servlet = servlet(new BodyBudget(1000));
        servlet.bindTemplates(new FakeTemplateService("never"));
        servlet.bindExecution(new RefusingExecutor());
        CountedBody body = new CountedBody(40);

        Answer a = post(servlet, request(40, body));

        assertEquals(503, a.status(), a.body());
        assertTrue(a.body().contains("\"error\":\"overloaded\"") && a.body().contains("(queue_full)"), a.body());
        assertEquals("1", a.headers().get("Retry-After"));
        assertEquals(null, a.headers().get("Connection"), "kept: the body is consumed, the client may reuse it");
        assertTrue(body.isFinished(), "the body skipped to its end, so that the next request on the connection reads right");
    }

    @Test
    void aLargeBodyTheExecutionOptimizerWouldRefuseIsLeftUnreadAndItsConnectionClosed() throws IOException {
        int size = BoundedBody.DISCARDED_AT_MOST + 2;
        RenderServlet servlet = servlet(new BodyBudget(1_000_000), WAIT_MS, 16, 2 * size);
        servlet.bindTemplates(new FakeTemplateService("never"));
        servlet.bindExecution(new RefusingExecutor());
        CountedBody body = new CountedBody(size);

        Answer a = post(servlet, request(size, body));

        assertEquals(503, a.status(), a.body());
        assertEquals("close", a.headers().get("Connection"),
                "else Jetty closes it after announcing keep-alive, and the client's next request meets a closed connection");
        assertEquals(0, body.read.get(), "not a byte of the body read");
    }

    /** An execution optimizer whose executor's queue is full. */
    private static final class RefusingExecutor implements io.memtune.api.execution.TemplateExecutor {
        @Override
        public void render(String tenant, String template, java.io.InputStream json, io.memtune.api.execution.ResponseSink sink) {
            throw new AssertionError("refused before");
        }

        @Override
        public java.util.List<io.memtune.api.execution.BatchItem> renderBatch(String tenant, String template,
                java.io.InputStream json) {
            throw new AssertionError("refused before");
        }

        @Override
        public io.memtune.api.concurrency.RejectedException refusalNow(boolean batch) {
            return new io.memtune.api.concurrency.RejectedException("render",
                    io.memtune.api.concurrency.RejectedException.Reason.QUEUE_FULL, java.time.Duration.ofSeconds(1),
                    "render: the interactive queue is full (100)");
        }

        @Override
        public io.memtune.api.execution.ExecutionStatistics statistics() {
            return null;
        }
    }

    @Test
    void noMoreRequestsWaitThanAllowed() throws Exception {
        RenderServlet servlet = servlet(new BodyBudget(10_000), 2_000, 0);

        Answer a = post(servlet, request(20, new CountedBody(20)));

        assertEquals(503, a.status(), a.body());
        assertTrue(a.body().contains("too many requests wait"), a.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
