package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The least CPU an HTTP/1.1 refusal can cost a JVM on a host: one selector thread answering every request with the same
 * prepared 503, keep-alive, no parsing beyond finding where each request's head ends. What the container's own
 * refusal costs above this is Jetty, the servlet chain and memtune; what this costs is the kernel's TCP (on the
 * loopback, delivering the answer to the client happens inside the server's write) and the JVM's NIO. Used by
 * {@code benchmarks/run-refusal-floor.sh}; not a server for anything else (a body in a request is taken for part of
 * the next request's head only if it holds a blank line, which the benchmark's JSON bodies do not).
 *
 * <pre>java -cp benchmarks/target/classes io.memtune.benchmarks.load.CannedRefusalServer PORT</pre>
 */
public final class CannedRefusalServer implements AutoCloseable {

    static final byte[] ANSWER = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 22\r\n\r\n{\"error\":\"overloaded\"}").getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer out = ByteBuffer.allocateDirect(ANSWER.length);

    /** Per connection: how much of "\r\n\r\n" the bytes read so far end with (a head may end across two reads). */
    private static final class Tail {
        int matched;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port); {@link #serve()} answers. */
    public CannedRefusalServer(int port) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    /** Answers until {@link #close()}. */
    public void serve() throws IOException {
        try {
            loop();
        } catch (ClosedSelectorException closed) {
            // closed from another thread while selecting: done
        }
    }

    private void loop() throws IOException {
        while (selector.isOpen()) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid() && key.isAcceptable()) {
                    SocketChannel client = listener.accept();
                    if (client != null) {
                        client.configureBlocking(false);
                        client.register(selector, SelectionKey.OP_READ, new Tail());
                    }
                } else if (key.isValid() && key.isReadable()) {
                    answer(key);
                }
            }
        }
    }

    private void answer(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        Tail tail = (Tail) key.attachment();
        in.clear();
        int read;
        try {
            read = client.read(in);
        } catch (IOException reset) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            client.close();
            return;
        }
        int heads = 0;
        for (int i = 0; i < read; i++) {
            byte b = in.get(i);
            boolean expected = b == (tail.matched % 2 == 0 ? '\r' : '\n');
            tail.matched = expected ? tail.matched + 1 : b == '\r' ? 1 : 0;
            if (tail.matched == 4) {
                heads++;
                tail.matched = 0;
            }
        }
        for (int i = 0; i < heads; i++) {
            out.clear();
            out.put(ANSWER).flip();
            while (out.hasRemaining()) {
                client.write(out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        listener.close();
    }

    public static void main(String[] args) throws IOException {
        try (CannedRefusalServer server = new CannedRefusalServer(Integer.parseInt(args[0]))) {
            System.out.println("answering 503 on 127.0.0.1:" + server.port());
            server.serve();
        }
    }
}
