package io.memtune.benchmarks.load;

/** A line of progress on standard error (the report goes to standard output). */
final class Progress {

    private Progress() {
    }

    static void print(String format, Object... args) {
        System.err.println(String.format(format, args));
    }
}
