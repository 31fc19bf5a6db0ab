package io.memtune.api.execution;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a streamed render goes. {@link #open} is called once, when the first bytes must leave (the held-back
 * buffer is full, or the render is done): until then nothing is committed, so a failure can still be
 * answered with a clean error instead.
 */
@ConsumerType
public interface ResponseSink {

    /**
     * @param contentLength the whole length when the render fit in the held-back buffer, else -1 (chunked)
     * @return the stream to write the page to
     */
    OutputStream open(long contentLength) throws IOException;
}
