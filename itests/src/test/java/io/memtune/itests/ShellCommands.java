package io.memtune.itests;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs Gogo commands in one session, as an operator would type them, and returns what they printed. */
final class ShellCommands {

    private ShellCommands() {
    }

    /** @throws Exception the first command's failure */
    static String run(CommandProcessor shell, String... commands) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandSession session = shell.createSession(InputStream.nullInputStream(), print, print);
        try {
            for (String command : commands) {
                Object result = session.execute(command);
                if (result != null) {
                    print.println(session.format(result, 0));
                }
            }
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
