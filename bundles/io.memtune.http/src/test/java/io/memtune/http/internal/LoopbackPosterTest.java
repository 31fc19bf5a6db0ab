package io.memtune.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class LoopbackPosterTest {

    private HttpServer server;
    private URI base;
    /** The client port of every request answered, to tell one connection from several. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sized", exchange -> {
            answered(exchange);
            byte[] page = "<p>sized</p>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            answered(exchange);
            exchange.sendResponseHeaders(200, 0); // no length: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(("<li>item " + i + "</li>").repeat(100).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/closing", exchange -> {
            answered(exchange);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answered(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static int post(LoopbackPoster poster, URI base, String path, byte[] body) throws IOException {
        return poster.post(LoopbackPoster.head(base, path, body.length), body);
    }

    @Test
    void readsSizedAndChunkedAnswersToTheirEndOverOneKeptAliveConnection() throws IOException {
        try (LoopbackPoster poster = new LoopbackPoster(base)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, post(poster, base, "/sized", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
                assertEquals(200, post(poster, base, "/chunked", "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertEquals(6, clientPorts.size());
        assertEquals(1, clientPorts.stream().distinct().count(), "one connection for all: " + clientPorts);
        assertEquals("{\"a\":1}", bodies.get(0), "the body as given");
    }

    @Test
    void opensAnotherConnectionAfterAnAnswerThatClosedIt() throws IOException {
        try (LoopbackPoster poster = new LoopbackPoster(base)) {
            assertEquals(503, post(poster, base, "/closing", new byte[0]));
            assertEquals(200, post(poster, base, "/sized", new byte[0]));
        }
        assertNotEquals(clientPorts.get(0), clientPorts.get(1), "a new connection after Connection: close");
    }

    @Test
    void anAnswerThatIsNotHttpFailsThePostAndTheNextOneConnectsAgain() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket s = garbage.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on the client side if this does
                }
            });
            answerer.start();
            URI wrong = URI.create("http://127.0.0.1:" + garbage.getLocalPort());
            try (LoopbackPoster poster = new LoopbackPoster(wrong)) {
                IOException e = assertThrows(IOException.class, () -> post(poster, wrong, "/x", new byte[0]));
                assertEquals("not an HTTP/1.1 status line: SSH-2.0-OpenSSH", e.getMessage());
            }
            answerer.join(5000);
        }
    }
}
