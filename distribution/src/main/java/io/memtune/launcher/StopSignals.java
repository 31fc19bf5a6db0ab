package io.memtune.launcher;

import sun.misc.Signal;

/**
 * SIGTERM (and SIGINT without the shell) stop the framework cleanly and the process then exits 0 from {@code main}; with only
 * a shutdown hook the JVM would exit 143. A shutdown hook remains for every other way the JVM goes down.
 */
final class StopSignals {

    private StopSignals() {
    }

    /**
     * @param interrupts whether SIGINT (Ctrl-C) stops too; not with the interactive shell, where Ctrl-C
     *        belongs to the command being typed
     */
    static void onTerminate(Runnable stop, boolean interrupts) {
        Thread hook = new Thread(stop, "memtune-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable once = () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return;
            }
            stop.run();
        };
        for (String name : interrupts ? new String[] {"TERM", "INT"} : new String[] {"TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> new Thread(once, "memtune-stop-" + name).start());
            } catch (IllegalArgumentException unsupported) {
                // the shutdown hook covers it
            }
        }
    }
}
