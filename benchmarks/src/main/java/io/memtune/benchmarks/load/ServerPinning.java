package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the load report's servers run: on the CPUs of {@code SERVER_CPUS} (a {@code taskset -c} list, set by
 * {@code run-performance-report.sh}, which pins this driver and its load generator to {@code CLIENT_CPUS}), or, when
 * it is not set, wherever the OS puts them, sharing the cores with the load generator.
 *
 * @param serverCpus the list, or null when the server is not pinned
 * @param clientCpus the driver's list as the script gave it, for the report (null when not given)
 */
record ServerPinning(String serverCpus, String clientCpus) {

    /** From the environment the script sets. */
    static ServerPinning fromEnvironment() {
        String server = System.getenv("SERVER_CPUS");
        String client = System.getenv("CLIENT_CPUS");
        return new ServerPinning(server == null || server.isBlank() ? null : server.trim(),
                client == null || client.isBlank() ? null : client.trim());
    }

    /** The command to start a server with: {@code taskset -c <list>} before it when pinned. */
    List<String> command(List<String> command) {
        if (serverCpus == null) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", serverCpus));
        pinned.addAll(command);
        return pinned;
    }

    /** How many CPUs a server's CPU share is a share of: its own when pinned, the machine's otherwise. */
    int cores() {
        return serverCpus == null ? Runtime.getRuntime().availableProcessors() : SaturationPlan.cpuCount(serverCpus);
    }

    /**
     * The machine's CPUs (the online ones), not this process's: the driver is pinned, and its own
     * {@code availableProcessors()} follows its {@code taskset}. That count where the list cannot be read.
     */
    static int machineCpus() {
        try {
            return SaturationPlan.cpuCount(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        } catch (IOException | RuntimeException unreadable) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** Where they ran, for the report. */
    String describe() {
        return serverCpus == null ? "the server and the load generator share them"
                : "the server pinned to CPUs " + serverCpus + " (`taskset -c`), the load generator and this driver to CPUs "
                        + (clientCpus == null ? "the rest" : clientCpus) + "; a server's CPU share is of its "
                        + cores() + " CPU" + (cores() == 1 ? "" : "s");
    }
}
