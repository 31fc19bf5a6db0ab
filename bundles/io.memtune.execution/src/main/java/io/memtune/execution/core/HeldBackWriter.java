package io.memtune.execution.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

import io.memtune.api.execution.ResponseSink;

/**
 * A render's output: characters go into a bounded buffer (pooled by the caller); while the page fits, nothing
 * is sent, so a failure can still be answered cleanly and the length is known; when it overflows, the sink
 * is opened and the buffer is encoded to it and reused, so a page of any size costs one buffer, never a
 * whole-page {@code String} or byte array.
 */
public final class HeldBackWriter extends Writer {

    private final char[] buffer;
    private final byte[] bytes;
    private final ResponseSink sink;
    /** A lone surrogate becomes '?', as {@code String.getBytes(UTF_8)} and Mustache.java's writers make it. */
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private int count;
    private OutputStream out;
    private long sent;
    private boolean streamed;

    /**
     * @param buffer the held-back characters
     * @param bytes room to encode them: at least three bytes a character of {@code buffer}
     */
    public HeldBackWriter(char[] buffer, byte[] bytes, ResponseSink sink) {
        if (bytes.length < buffer.length * 3L) {
            throw new IllegalArgumentException("the byte buffer must hold 3 bytes a character: " + bytes.length + " < 3 x "
                    + buffer.length);
        }
        this.buffer = buffer;
        this.bytes = bytes;
        this.sink = sink;
    }

    @Override
    public void write(int c) throws IOException {
        if (count == buffer.length) {
            drain(false);
        }
        buffer[count++] = (char) c;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                drain(false);
            }
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(chars, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                drain(false);
            }
            int n = Math.min(length, buffer.length - count);
            text.getChars(offset, offset + n, buffer, count);
            count += n;
            offset += n;
            length -= n;
        }
    }

    /** Whether bytes have left: after that, a failure can only cut the response short. */
    public boolean committed() {
        return out != null;
    }

    public long sent() {
        return sent;
    }

    /** Whether the page was larger than the buffer and went out while rendering (without a length). */
    public boolean streamed() {
        return streamed;
    }

    /** Sends what is held (the whole page, with its length, if nothing was sent yet). */
    public void finish() throws IOException {
        drain(true);
        out.flush();
    }

    private void drain(boolean last) throws IOException {
        encoder.reset();
        ByteBuffer target = ByteBuffer.wrap(bytes);
        // a surrogate pair cut by the buffer's end stays for the next round
        int keep = !last && count > 0 && Character.isHighSurrogate(buffer[count - 1]) ? 1 : 0;
        CoderResult result = encoder.encode(CharBuffer.wrap(buffer, 0, count - keep), target, true);
        if (result.isError()) {
            result.throwException();
        }
        encoder.flush(target);
        if (out == null) {
            streamed = !last;
            out = sink.open(last ? target.position() : -1);
        }
        out.write(bytes, 0, target.position());
        sent += target.position();
        if (keep == 1) {
            buffer[0] = buffer[count - 1];
        }
        count = keep;
    }

    @Override
    public void flush() {
        // held back on purpose: a template's flush does not commit the response
    }

    @Override
    public void close() {
        // the caller finishes; closing the response is the container's
    }
}
