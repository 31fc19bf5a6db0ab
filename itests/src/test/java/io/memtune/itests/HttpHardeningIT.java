package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The HTTP side against hostile clients: a client that never finishes its headers (slowloris) is cut off after
 * the idle timeout, a request carrying both Content-Length and Transfer-Encoding (the smuggling pattern) is
 * refused, and a 100 MB streamed body is answered 413 once the limit is passed, with the connection closed (Jetty
 * would otherwise go on reading to reuse it), never buffered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpHardeningIT {

    private static final int IDLE_TIMEOUT_MS = 1000;

    @Inject
    private BundleContext context;

    private int port;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"},\n"
                + "  \"org.apache.felix.http\": {\"org.apache.felix.http.timeout\": " + IDLE_TIMEOUT_MS + "}\n"
                + "}\n"));
    }

    @Before
    public void aTemplate() throws Exception {
        new Workspace(context).write("templates/acme/page.html.mustache", "<p>{{name}}</p>");
        port = Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    @Test
    public void aClientThatNeverFinishesItsHeadersIsCutOffAfterTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10 * IDLE_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("POST /render/acme/page.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes(); // ends when the server closes the connection
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue("closed after " + waitedMs + " ms, idle timeout " + IDLE_TIMEOUT_MS + " ms: "
                    + new String(answer, StandardCharsets.US_ASCII), waitedMs < 5 * IDLE_TIMEOUT_MS);
        }
    }

    @Test
    public void aRequestWithBothContentLengthAndChunkedIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String smuggled = "POST /render/acme/page.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\n{}\r\n0\r\n\r\nGET /render/acme/page.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write(smuggled.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer, answer.startsWith("HTTP/1.1 400"));
            assertEquals("one answer, the smuggled request is not run: " + answer, 1, answer.split("HTTP/1.1 ", -1).length - 1);
        }
    }

    @Test
    public void aHundredMegabyteStreamedBodyIsAnswered413AtTheLimitNotAtItsEnd() throws Exception {
        long size = 100L * 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /render/acme/page.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    while (written.get() < size) {
                        out.write(chunk);
                        written.addAndGet(0x10000);
                        Thread.sleep(5); // ~12 MB/s: a fast client, yet slow enough that the answer's timing tells
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException closed) {
                    // the server closed the connection after its answer
                }
            }, "it-huge-body");
            writer.start();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            long atAnswer = written.get();
            socket.close();
            writer.join(30_000);
            assertEquals("HTTP/1.1 413", status);
            // the answer came once the limit (1 MiB) was passed, not after the whole body (socket buffers aside)
            assertTrue("answered after " + atAnswer + " of " + size + " bytes", atAnswer < size / 5);
        }
    }
}
