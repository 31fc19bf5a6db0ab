package io.memtune.shell.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server side of the client protocol. A client sends one command as UTF-8 and half-closes; the
 * server answers with frames {@code type:byte length:int payload}: {@code 'o'} standard output bytes,
 * {@code 'e'} standard error bytes, and last {@code 'x'} with the exit code as the int (no payload).
 * Output is streamed as the command produces it.
 */
final class FrameWriter {

    static final byte OUT = 'o';
    static final byte ERR = 'e';
    static final byte EXIT = 'x';

    private final DataOutputStream out;

    FrameWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    synchronized void write(byte type, byte[] bytes, int offset, int length) throws IOException {
        out.writeByte(type);
        out.writeInt(length);
        out.write(bytes, offset, length);
        out.flush();
    }

    void text(byte type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(type, bytes, 0, bytes.length);
    }

    synchronized void exit(int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(code);
        out.flush();
    }

    /** A stream whose writes become frames of one type. */
    OutputStream stream(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                FrameWriter.this.write(type, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    FrameWriter.this.write(type, b, off, len);
                }
            }
        };
    }
}
