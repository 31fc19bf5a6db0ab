package io.memtune.http.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body up to a limit, so that a 100 MB body costs a 413, not 100 MB of heap. */
final class BoundedBody {

    /** The body was larger than allowed. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes (render.max.body.bytes)");
        }
    }

    /** The largest body a refusal reads and drops to keep its connection (a few TCP segments). */
    static final int DISCARDED_AT_MOST = 16 * 1024;

    private BoundedBody() {
    }

    /**
     * The most heap the body will take: its declared length, or the limit when it comes in chunks.
     *
     * @throws TooLarge when its declared length is over the limit
     */
    static long size(HttpServletRequest request, int limit) throws TooLarge {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        return declared >= 0 ? declared : limit + 1L;
    }

    /**
     * Whether a refusal answered without reading the body can keep the connection: a small body is read and
     * dropped (cheaper than the client's new connection); a larger one, or one in chunks, is left unread and the
     * connection closed. Jetty would otherwise close it itself after a response that announced keep-alive, and a
     * client sending its next request on it would meet a connection closed before any answer.
     */
    static boolean discardSmall(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared < 0 || declared > DISCARDED_AT_MOST) {
            return false;
        }
        try {
            return request.getInputStream().skip(declared) == declared;
        } catch (IOException e) {
            return false;
        }
    }

    /** The whole body, at most {@code limit} bytes (kept, so that a render can be asked again on another service). */
    static byte[] read(HttpServletRequest request, int limit) throws IOException, TooLarge {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        if (declared >= 0) {
            // one array of the declared size (the server delivers no more): readNBytes(n) would gather pieces and
            // copy them into a new array, twice the body's size on the heap for a moment
            byte[] bytes = new byte[(int) declared];
            int read = request.getInputStream().readNBytes(bytes, 0, bytes.length);
            return read == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, read);
        }
        byte[] bytes = request.getInputStream().readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new TooLarge(limit);
        }
        return bytes;
    }
}
