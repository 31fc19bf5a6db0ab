package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CannedRefusalServerTest {

    @Test
    void answersEveryRequestHeadOnAKeptAliveConnectionWithTheCannedRefusal() throws Exception {
        try (CannedRefusalServer server = new CannedRefusalServer(0)) {
            Thread serving = new Thread(() -> {
                try {
                    server.serve();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "canned-refusals");
            serving.setDaemon(true);
            serving.start();
            try (Socket client = new Socket("127.0.0.1", server.port())) {
                client.setSoTimeout(5000);
                OutputStream out = client.getOutputStream();
                String post = "POST /render/t/p HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
                // two requests in one write, then a third whose head ends across two writes
                out.write((post + post).getBytes(StandardCharsets.US_ASCII));
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
                out.write("\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                byte[] expected = new byte[CannedRefusalServer.ANSWER.length * 3];
                for (int i = 0; i < 3; i++) {
                    System.arraycopy(CannedRefusalServer.ANSWER, 0, expected, i * CannedRefusalServer.ANSWER.length,
                            CannedRefusalServer.ANSWER.length);
                }
                assertArrayEquals(expected, in.readNBytes(expected.length), "three answers, nothing else");
            }
        }
    }
}
