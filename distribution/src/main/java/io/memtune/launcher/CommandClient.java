package io.memtune.launcher;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/memtune client}: sends one command to the running container over its Unix domain socket and
 * copies the answer to standard output and error. The frames are those of the shell bundle's
 * {@code FrameWriter}: {@code 'o'}/{@code 'e'} + length + bytes, then {@code 'x'} + exit code.
 */
final class CommandClient {

    /** The exit code when no container answers. */
    static final int NOT_RUNNING = 3;

    private CommandClient() {
    }

    static int run(Path socket, String command, PrintStream out, PrintStream err) {
        if (!Files.exists(socket)) {
            err.println("memtune is not running: no socket " + socket + " (start it with bin/memtune)");
            return NOT_RUNNING;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            while (true) {
                byte type = in.readByte();
                int length = in.readInt();
                switch (type) {
                    case 'o':
                        copy(in, length, out);
                        break;
                    case 'e':
                        copy(in, length, err);
                        break;
                    case 'x':
                        out.flush();
                        err.flush();
                        return length;
                    default:
                        err.println("memtune client: unexpected answer from the container (frame '" + (char) type + "')");
                        return 2;
                }
            }
        } catch (EOFException e) {
            err.println("memtune client: the container closed the connection before the command ended");
            return 2;
        } catch (IOException e) {
            err.println("memtune is not running or not answering on " + socket + ": " + e.getMessage());
            return NOT_RUNNING;
        }
    }

    private static void copy(DataInputStream in, int length, OutputStream to) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        to.write(bytes);
    }
}
