package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** The shell bundle's local command channel, spoken to as {@code bin/memtune client} does. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{}"));
    }

    /** What a client receives: standard output, standard error, exit code. */
    private record Answer(String out, String err, int exit) {
    }

    private Path socket() throws InterruptedException {
        Path socket = Path.of(context.getProperty("memtune.shell.socket"));
        Workspace.await("the command socket " + socket, Duration.ofSeconds(15), () -> Files.exists(socket));
        return socket;
    }

    private Answer send(String command) throws IOException, InterruptedException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket()));
            channel.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            while (true) {
                byte type = in.readByte();
                int length = in.readInt();
                if (type == 'x') {
                    return new Answer(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), length);
                }
                byte[] bytes = in.readNBytes(length);
                (type == 'o' ? out : err).write(bytes);
            }
        }
    }

    @Test
    public void runsACommandAndReturnsItsOutputWithExitCodeZero() throws Exception {
        Answer answer = send("memtune:env");
        assertEquals(answer.err(), 0, answer.exit());
        assertTrue(answer.out(), answer.out().contains("environment   it"));
    }

    @Test
    public void anUnknownCommandFailsWithItsName() throws Exception {
        Answer answer = send("memtune:no-such-command");
        assertEquals(1, answer.exit());
        assertTrue(answer.err(), answer.err().contains("no-such-command"));
    }

    @Test
    public void anEmptyCommandIsRefused() throws Exception {
        Answer answer = send("   ");
        assertEquals(2, answer.exit());
        assertTrue(answer.err(), answer.err().contains("empty command"));
    }

    @Test
    public void aWrongArgumentTypeFailsNamingTheCommand() throws Exception {
        Answer answer = send("memtune:pool-resize no-such-pool many 2");
        assertEquals(answer.out() + answer.err(), 1, answer.exit());
        assertTrue(answer.err(), !answer.err().isBlank());
        assertEquals("the container still answers", 0, send("memtune:env").exit());
    }

    @Test
    public void anOverLongCommandIsRefusedWithoutRunning() throws Exception {
        Answer answer = send("memtune:env " + "x".repeat(70_000));
        assertEquals(answer.err(), 2, answer.exit());
        assertTrue(answer.err(), answer.err().contains("long") || answer.err().contains("bytes"));
        assertEquals("the container still answers", 0, send("memtune:env").exit());
    }

    @Test
    public void onlyTheOwnerCanOpenTheSocket() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
    }
}
