package io.memtune.shell.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Gogo commands for {@code bin/memtune client} over a Unix domain socket that only the owner can
 * open: no network port, no password to leak. The socket is the framework property
 * {@value #SOCKET_PROPERTY} (the launcher puts it in {@code data/}), else a file in this bundle's data area.
 */
@Component(service = {}, configurationPid = LocalCommandChannel.PID, immediate = true)
@Designate(ocd = LocalCommandChannel.Config.class)
public final class LocalCommandChannel {

    static final String PID = "io.memtune.shell";
    static final String SOCKET_PROPERTY = "memtune.shell.socket";

    @ObjectClassDefinition(name = "memtune local command channel",
            description = "The Unix domain socket through which 'bin/memtune client' runs shell commands.")
    public @interface Config {
        @AttributeDefinition(name = "Concurrent clients",
                description = "How many client commands may run at the same time; more wait.", min = "1", max = "64")
        int max_clients() default 4;

        @AttributeDefinition(name = "Largest command (bytes)",
                description = "A longer command is refused: a client sends one command line.", min = "16",
                max = "1048576")
        int max_command_bytes() default 65536;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandChannel.class);

    private final CommandProcessor processor;
    private final Path socket;
    private final int maxCommandBytes;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final Thread acceptor;

    @Activate
    public LocalCommandChannel(BundleContext context, @Reference CommandProcessor processor, Config config)
            throws IOException {
        this.processor = processor;
        String configured = context.getProperty(SOCKET_PROPERTY);
        this.socket = configured == null ? context.getDataFile("memtune.sock").toPath() : Path.of(configured);
        this.maxCommandBytes = config.max_command_bytes();
        Files.createDirectories(socket.toAbsolutePath().getParent());
        // a socket left by a container that was killed would make bind fail
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.max_clients(), r -> daemon(r, "memtune-client-" + count.incrementAndGet()));
        this.acceptor = daemon(this::accept, "memtune-client-acceptor");
        acceptor.start();
        LOG.info("shell commands accepted on {}", socket);
    }

    @Deactivate
    void stop() throws IOException {
        server.close(); // ends the acceptor
        workers.shutdownNow();
        Files.deleteIfExists(socket);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    LOG.warn("client connection failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client; OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(client))) {
            FrameWriter frames = new FrameWriter(raw);
            String command;
            try {
                command = readCommand(Channels.newInputStream(client));
            } catch (IllegalArgumentException e) {
                frames.text(FrameWriter.ERR, e.getMessage() + "\n");
                frames.exit(2);
                return;
            }
            frames.exit(execute(command, frames));
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private String readCommand(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(maxCommandBytes + 1);
        if (bytes.length > maxCommandBytes) {
            throw new IllegalArgumentException("command longer than " + maxCommandBytes + " bytes refused");
        }
        String command = new String(bytes, StandardCharsets.UTF_8).strip();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command: give a Gogo command, e.g. memtune:env");
        }
        return command;
    }

    /**
     * Runs one command; the exit code is 0 on success, 2 for arguments that fit none of the command's forms (its
     * usage on standard error: nothing ran), 1 when the command threw.
     */
    private int execute(String command, FrameWriter frames) {
        PrintStream out = new PrintStream(frames.stream(FrameWriter.OUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(frames.stream(FrameWriter.ERR), true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return 0;
        } catch (WrongArgumentsException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(message(e));
            return 1;
        } finally {
            out.flush();
            err.flush();
            session.close();
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
