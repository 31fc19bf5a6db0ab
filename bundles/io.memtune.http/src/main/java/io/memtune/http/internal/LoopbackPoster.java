package io.memtune.http.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection of the warm-up to the container itself: a request is written from a head made
 * once per page and its body, and the answer is read as far as its framing needs (status line, headers, a {@code Content-Length}
 * or chunked body) and dropped.
 *
 * <p>Not {@code HttpURLConnection}: on one core its own CPU (cookie and proxy handling, header maps, the keep-alive
 * cache) was about nine tenths of a warm-up request's, and the JIT compiled it beside the server. The warm-up is
 * there to compile the server's path; every cycle the client spends is taken from that, and from the compiler threads.
 */
final class LoopbackPoster implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    /** The longest status or header line read; a longer one is not an answer this client understands. */
    private static final int MAX_LINE = 8192;

    private final InetSocketAddress address;
    private final byte[] skip = new byte[8192];
    private final StringBuilder line = new StringBuilder();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoopbackPoster(URI base) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
    }

    /**
     * The head of a POST of {@code length} bytes to {@code path} on {@code base}, made once per page and sent as it is
     * before the body on every post (the body is the sample's, shared by the pages of one name).
     */
    static byte[] head(URI base, String path, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one request, a head made by {@link #head} and its body, and reads its answer to the end.
     *
     * @return the status code
     * @throws IOException the connection failed (it is closed; the next post opens another)
     */
    int post(byte[] head, byte[] body) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            out.write(head);
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            readChunks();
        } else if (length >= 0) {
            skipFully(length);
        } else {
            close = true; // delimited by the end of the connection: read to it
            while (in.read(skip) >= 0) {
                // dropped
            }
        }
        if (close) {
            close();
        }
        return code;
    }

    private void readChunks() throws IOException {
        while (true) {
            String size = readLine();
            int extension = size.indexOf(';');
            long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (n == 0) {
                while (!readLine().isEmpty()) {
                    // trailers, dropped
                }
                return;
            }
            skipFully(n);
            if (!readLine().isEmpty()) {
                throw new IOException("a chunk did not end where its size said");
            }
        }
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, n));
            if (read < 0) {
                throw new IOException("the connection ended " + n + " bytes before the answer did");
            }
            n -= read;
        }
    }

    /** One CRLF-ended line, without its end. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside an answer's head");
            }
            if (b == '\n') {
                int end = line.length();
                return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }
}
