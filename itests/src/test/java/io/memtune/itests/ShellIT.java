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

import org.apache.felix.service.command.CommandProcessor;
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

    @Inject
    private CommandProcessor shell;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"}\n"
                + "}\n"));
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
    public void aWrongArgumentTypeIsAnsweredWithTheCommandsUsage() throws Exception {
        Answer answer = send("memtune:pool-resize no-such-pool many 2");
        assertEquals(answer.out() + answer.err(), 2, answer.exit());
        assertTrue(answer.err(), answer.err().contains("usage: memtune:pool-resize <"));
        assertEquals("the container still answers", 0, send("memtune:env").exit());
    }

    /**
     * Commands of several bundles (template, profiler, alerting, config, monitoring, tuner), each given arguments
     * none of its forms takes: exit 2 and the command's usage from its descriptors, never Gogo's coercion message.
     */
    @Test
    public void wrongArgumentsAreAnsweredWithTheUsageByEveryBundlesCommands() throws Exception {
        String[][] cases = {
            {"memtune:render", "memtune:render <tenant> <template>"},
            {"memtune:render acme", "the template, e.g. welcome.html"},
            {"memtune:leaks now", "usage: memtune:leaks\n"},
            {"memtune:silence heap-high", "memtune:silence [--until-resolved] <rule> <duration>"},
            {"memtune:config-diff dev", "memtune:config-diff <environmentA> <environmentB>"},
            {"memtune:metrics --count many", "[--count count]"},
            {"memtune:tune-history everything", "usage: memtune:tune-history"},
        };
        for (String[] c : cases) {
            Answer answer = send(c[0]);
            assertEquals(c[0] + ": " + answer.err(), 2, answer.exit());
            assertTrue(c[0] + ": " + answer.err(), answer.err().startsWith("wrong arguments for " + c[0].split(" ")[0]));
            assertTrue(c[0] + ": " + answer.err(), answer.err().contains(c[1]));
            assertTrue(c[0] + ": " + answer.err(), !answer.err().contains("Cannot coerce") && !answer.err().contains("Token"));
        }
    }

    /** The console prints the exception's toString(): the usage alone, without Gogo's words or a class name. */
    @Test
    public void theConsoleShowsTheUsageToo() throws Exception {
        try {
            ShellCommands.run(shell, "memtune:render");
            throw new AssertionError("memtune:render without arguments ran");
        } catch (IllegalArgumentException e) {
            assertTrue(e.toString(), e.toString().startsWith("wrong arguments for memtune:render (none given)\nusage: "));
        }
        // help reads the command services, which the usage wrappers are not: it still shows both forms
        String help = ShellCommands.run(shell, "help memtune:render");
        assertTrue(help, help.contains("renders a template with the empty context {}") && help.contains("with a JSON context"));
    }

    @Test
    public void renderWithoutAContextRendersWithTheEmptyObject() throws Exception {
        new Workspace(context).write("templates/acme/hello.txt.mustache", "hello {{name}}{{^name}}stranger{{/name}}");
        Workspace.await("the template seen", Duration.ofSeconds(15), () -> {
            try {
                return send("memtune:render acme hello.txt").exit() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        Answer answer = send("memtune:render acme hello.txt");
        assertEquals(answer.err(), "hello stranger", answer.out().strip());
        assertEquals("hello Ada", send("memtune:render acme hello.txt '{\"name\":\"Ada\"}'").out().strip());
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
