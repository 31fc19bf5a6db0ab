package io.memtune.config.core;

import java.nio.file.Path;

/** Replaces a file over and over until killed: the other side of {@link AtomicFilesCrashTest}. */
public final class AtomicFilesCrashChild {

    private AtomicFilesCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        AtomicFiles.replace(file, AtomicFilesCrashTest.content('b'));
        System.out.println(AtomicFilesCrashTest.WRITING); // the parent kills from now on
        System.out.flush();
        for (long i = 0; ; i++) {
            AtomicFiles.replace(file, AtomicFilesCrashTest.content(i % 2 == 0 ? 'a' : 'b'));
        }
    }
}
