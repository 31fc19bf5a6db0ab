package io.memtune.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintStream;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gogo's own runtime, with commands registered as the installer registers them (the wrapper one ranking up). */
class UsageOnWrongArgumentsTest {

    /** A command with two forms and an option, as memtune's commands are written. */
    public static final class Render {
        @Descriptor("renders with the empty context")
        public String render(@Descriptor("the tenant") String tenant, @Descriptor("the template") String template) {
            return render(false, tenant, template, "{}");
        }

        @Descriptor("renders with a JSON context")
        public String render(@Descriptor("trace the render") @Parameter(names = "--trace", presentValue = "true",
                absentValue = "false") boolean trace, @Descriptor("the tenant") String tenant,
                @Descriptor("the template") String template, @Descriptor("the context as JSON") String json) {
            if (tenant.equals("nobody")) {
                throw new IllegalArgumentException("no tenant 'nobody'");
            }
            return tenant + "/" + template + " with " + json + (trace ? " traced" : "");
        }
    }

    /** A hyphenated command: Gogo calls {@code _main} with the command's name first. */
    public static final class PoolResize {
        @Descriptor("resizes a pool")
        public String _main(@Descriptor("the command") String command, @Descriptor("the pool") String pool,
                @Descriptor("its new size") int size) {
            return pool + " now " + size;
        }
    }

    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private final CommandProcessorImpl processor;
    private final CommandSession session;

    UsageOnWrongArgumentsTest() {
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        add(new Render(), "render");
        add(new PoolResize(), "pool-resize");
        session = processor.createSession(InputStream.nullInputStream(), new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    private void add(Object command, String function) {
        processor.addCommand("memtune", command, function, 0); // as Gogo's tracker adds the service
        processor.addCommand("memtune", new UsageOnWrongArguments("memtune", function, new CommandProxy(command, function),
                command::getClass), function, 1);
    }

    @AfterEach
    void close() {
        session.close();
        threadIo.stop();
    }

    @Test
    void argumentsThatFitNoFormAreAnsweredWithTheUsageNotGogosCoercionMessage() {
        WrongArgumentsException e = assertThrows(WrongArgumentsException.class, () -> session.execute("memtune:render acme"));
        String usage = e.getMessage();
        assertTrue(usage.startsWith("wrong arguments for memtune:render (given: acme)\nusage: memtune:render <tenant> <template>\n"),
                usage);
        assertTrue(usage.contains("memtune:render [--trace] <tenant> <template> <json>"), usage);
        assertTrue(usage.contains("renders with a JSON context") && usage.contains("the context as JSON"), usage);
        assertFalse(usage.contains("Cannot coerce") || usage.contains("Token"), usage);
        assertEquals(usage, e.toString(), "the console prints toString(): no exception class name before the usage");
    }

    @Test
    void tooManyArgumentsAreAnsweredWithTheUsageToo() {
        WrongArgumentsException e = assertThrows(WrongArgumentsException.class,
                () -> session.execute("memtune:render a b c d e"));
        assertTrue(e.getMessage().contains("(given: a b c d e)"), e.getMessage());
    }

    @Test
    void argumentsThatFitRunTheCommand() throws Exception {
        assertEquals("acme/welcome.html with {}", session.execute("memtune:render acme welcome.html"));
        assertEquals("acme/welcome.html with {\"a\":1} traced", session.execute("memtune:render --trace acme welcome.html '{\"a\":1}'"));
    }

    @Test
    void theCommandsOwnIllegalArgumentPassesUnchanged() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.execute("memtune:render nobody welcome.html '{}'"));
        assertFalse(e instanceof WrongArgumentsException);
        assertEquals("no tenant 'nobody'", e.getMessage());
    }

    @Test
    void aHyphenatedCommandsUsageLeavesOutTheNameGogoPasses() throws Exception {
        assertEquals("http now 4", session.execute("memtune:pool-resize http 4"));
        WrongArgumentsException e = assertThrows(WrongArgumentsException.class,
                () -> session.execute("memtune:pool-resize http many"));
        assertTrue(e.getMessage().contains("usage: memtune:pool-resize <pool> <size>\n"), e.getMessage());
        assertTrue(e.getMessage().contains("its new size"), e.getMessage());
    }
}
