package io.memtune.launcher;

import sun.misc.Signal;

/**
 * SIGTERM (and SIGINT without the shell) drain the container and then stop the framework cleanly; the process then
 * exits 0 from {@code main} (with only a shutdown hook the JVM would exit 143). A shutdown hook remains for every
 * other way the JVM goes down, and stops without a drain. A second signal during a drain stops at once.
 */
final class StopSignals {

    private StopSignals() {
    }

    /**
     * @param onSignal what a signal does: drain, then stop
     * @param onShutdown what the shutdown hook does when the JVM goes down otherwise: stop
     * @param interrupts whether SIGINT (Ctrl-C) stops too; not with the interactive shell, where Ctrl-C
     *        belongs to the command being typed
     */
    static void onTerminate(Runnable onSignal, Runnable onShutdown, boolean interrupts) {
        Thread hook = new Thread(onShutdown, "memtune-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable once = () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return;
            }
            // a second signal runs this again: the drain is over at once (already draining) and the stop follows
            onSignal.run();
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
