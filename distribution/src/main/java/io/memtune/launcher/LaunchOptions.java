package io.memtune.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code bin/memtune}.
 *
 * <pre>
 * memtune [--env NAME] [--config DIR] [--no-shell [--log-stdout]]   start the container
 * memtune client "COMMAND"                           run one shell command in the running container
 * memtune --help
 * </pre>
 *
 * {@code --home DIR} (the installation) is passed by the script.
 *
 * @param mode what to do
 * @param home the installation directory
 * @param environment the environment asked for, or null to take {@code MEMTUNE_ENV} or {@code dev}
 * @param configDirectory the configuration directory, or null for {@code <home>/config}
 * @param shell whether to run the interactive shell
 * @param logToStdout as a service, whether the log goes to standard output (a container's log) instead of
 *        {@code data/log/memtune.log}
 * @param command the client's command, or null
 */
record LaunchOptions(Mode mode, Path home, String environment, Path configDirectory, boolean shell, boolean logToStdout,
        String command, List<String> toolArguments) {

    enum Mode { RUN, CLIENT, ANALYZE, HELP }

    static final String USAGE = String.join("\n",
            "usage: memtune [--env NAME] [--config DIR] [--no-shell [--log-stdout]]",
            "       memtune client \"COMMAND\"",
            "       memtune analyze TEMPLATES_DIR [--json]",
            "       memtune --create-cds [--env NAME] [--config DIR]",
            "",
            "  --env NAME     the environment: config/environments/NAME.json (default: $MEMTUNE_ENV, else dev)",
            "  --config DIR   the configuration directory (default: <install>/config)",
            "  --no-shell     run as a service: no interactive shell, logs in data/log/memtune.log",
            "  --log-stdout   with --no-shell: the log on standard output instead (a container's log)",
            "  client CMD     run one Gogo command in the running container and print its output",
            "  analyze DIR    what the optimizer would save on a template tree (no container needed)",
            "  --create-cds   start once, stop when ready, leave an AppCDS archive for this JDK in data/cds (bin/memtune)",
            "  --help         this text");

    /** @throws IllegalArgumentException naming the argument that is wrong */
    static LaunchOptions parse(List<String> args) {
        Mode mode = Mode.RUN;
        Path home = null;
        String environment = null;
        Path config = null;
        boolean shell = true;
        boolean logToStdout = false;
        String command = null;
        List<String> toolArguments = List.of();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--home":
                    home = Path.of(value(args, ++i, arg));
                    break;
                case "--env":
                    environment = value(args, ++i, arg);
                    break;
                case "--config":
                    config = Path.of(value(args, ++i, arg));
                    break;
                case "--no-shell":
                    shell = false;
                    break;
                case "--log-stdout":
                    logToStdout = true;
                    break;
                case "--help":
                case "-h":
                    mode = Mode.HELP;
                    break;
                case "client":
                    // the rest is the command: quoted as one argument or not
                    command = String.join(" ", args.subList(i + 1, args.size()));
                    if (command.isBlank()) {
                        throw new IllegalArgumentException("client needs a command, e.g. memtune client \"memtune:env\"");
                    }
                    mode = Mode.CLIENT;
                    i = args.size();
                    break;
                case "analyze":
                    toolArguments = List.copyOf(args.subList(i + 1, args.size()));
                    mode = Mode.ANALYZE;
                    i = args.size();
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (home == null) {
            home = Path.of(System.getProperty("memtune.home", "."));
        }
        home = home.toAbsolutePath().normalize();
        if (config != null) {
            config = config.toAbsolutePath().normalize();
        }
        if (logToStdout && shell && mode == Mode.RUN) {
            throw new IllegalArgumentException("--log-stdout goes with --no-shell (with the shell, the log is on the terminal)");
        }
        return new LaunchOptions(mode, home, environment, config, shell, logToStdout, command, toolArguments);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    Path effectiveConfigDirectory() {
        return configDirectory != null ? configDirectory : home.resolve("config");
    }

    Path dataDirectory() {
        return home.resolve("data");
    }

    Path socket() {
        return dataDirectory().resolve("memtune.sock");
    }
}
