package io.memtune.benchmarks.load;

/**
 * The container of a run is gone before the run ended: it crashed, or something outside stopped it (on a shared
 * development machine another build or test may). Such a run measured nothing and is run again
 * ({@link #retried}); any other failure still ends the report.
 */
final class ServerStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A run is tried this many times in all. */
    static final int ATTEMPTS = 3;

    ServerStopped(long pid, String detail) {
        super("the container (pid " + pid + ") stopped during the run: " + detail + "; see its data/log/memtune.log");
    }

    /** A step that starts a container of its own. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** {@code step}, run again (with a fresh container) when its container stopped under it. */
    static <T> T retried(String what, Step<T> step) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return step.run();
            } catch (ServerStopped e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                System.out.println(what + ": " + e.getMessage() + "; running it again");
            }
        }
    }
}
