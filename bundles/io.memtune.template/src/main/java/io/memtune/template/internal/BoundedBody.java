package io.memtune.template.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

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

    private BoundedBody() {
    }

    static InputStream read(HttpServletRequest request, int limit) throws IOException, TooLarge {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        byte[] bytes = request.getInputStream().readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new TooLarge(limit);
        }
        return new ByteArrayInputStream(bytes);
    }
}
