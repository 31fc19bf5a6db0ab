package io.memtune.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The service's log file as a stream that never throws. A {@code PrintStream} straight over the file would
 * swallow write errors, so on a full disk the log would silently stop. Here a failed write is reported once
 * (on the process's own standard error, which a service manager or journald keeps) naming the file and the
 * error; the bytes and lines that could not be written are counted; the file is reopened at most once per
 * retry interval (space may be freed, the file replaced: an open descriptor would keep pointing at the old
 * one); and once a write works again the log first gets a line saying how much was lost, and when.
 *
 * <p>A write that fails fails at once (ENOSPC does not block), so the service never waits on a full disk.
 * Writes are synchronized: {@code System.out} and {@code System.err} share one instance.
 */
final class ResilientLogStream extends OutputStream {

    /** How often a failing log is reopened: often enough to resume soon, rarely enough not to flood a full disk with opens. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    /** Opens the log for appending. */
    @FunctionalInterface
    interface Opener {
        OutputStream open() throws IOException;
    }

    private final Path file;
    private final Opener opener;
    private final PrintStream report;
    private final LongSupplier clockMillis;
    private final long retryMillis;

    /** Null while failing. */
    private OutputStream target;
    /** Whether the last byte that reached the file ended a line: the loss notice starts on a line of its own. */
    private boolean atLineStart = true;
    /** The failure of the current episode; null while writing works. */
    private IOException failure;
    private long failingSince;
    private long nextAttempt;
    private long lostBytes;
    private long lostLines;

    /**
     * @param report where a failure and the recovery are reported (the original standard error)
     * @param clockMillis wall-clock milliseconds ({@code System::currentTimeMillis}; tests drive their own)
     */
    ResilientLogStream(Path file, Opener opener, PrintStream report, LongSupplier clockMillis, Duration retryInterval) {
        this.file = file;
        this.opener = opener;
        this.report = report;
        this.clockMillis = clockMillis;
        this.retryMillis = retryInterval.toMillis();
        this.nextAttempt = clockMillis.getAsLong();
    }

    /** The service log: appends to {@code file}, reports on {@code report}. Never fails, even if the file cannot be opened now. */
    static ResilientLogStream appendingTo(Path file, PrintStream report) {
        ResilientLogStream log = new ResilientLogStream(file, () -> new FileOutputStream(file.toFile(), true), report,
                System::currentTimeMillis, RETRY_INTERVAL);
        log.ensureOpen(); // a file that cannot be opened at start is reported now, not at the first line
        return log;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (!ensureOpen()) {
            lose(bytes, offset, length);
            return;
        }
        try {
            if (failure != null) {
                resume();
            }
            target.write(bytes, offset, length);
            atLineStart = bytes[offset + length - 1] == '\n';
        } catch (IOException e) {
            fail(e);
            lose(bytes, offset, length);
        }
    }

    @Override
    public synchronized void flush() {
        if (target != null) {
            try {
                target.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closeTarget();
    }

    /** Whether a file is open to write to: opens it when none is and a retry is due. */
    private boolean ensureOpen() {
        if (target != null) {
            return true;
        }
        if (clockMillis.getAsLong() < nextAttempt) {
            return false;
        }
        try {
            target = opener.open();
            return true;
        } catch (IOException e) {
            fail(e);
            return false;
        }
    }

    /** Writing works again: the notice of what was lost goes first (a failure here starts no new episode). */
    private void resume() throws IOException {
        long now = clockMillis.getAsLong();
        String what = lostLines + " line(s), " + lostBytes + " byte(s)";
        String notice = (atLineStart ? "" : "\n") + "memtune: the log could not be written from "
                + Instant.ofEpochMilli(failingSince) + " to " + Instant.ofEpochMilli(now) + " (" + reason(failure) + "): "
                + what + " lost\n";
        target.write(notice.getBytes(StandardCharsets.UTF_8));
        atLineStart = true;
        report.println("memtune: the log " + file + " is written again; " + what + " were lost while it failed");
        failure = null;
        lostBytes = 0;
        lostLines = 0;
    }

    /** Reported once per episode: a full disk may reject thousands of lines, the operator needs to hear it once. */
    private void fail(IOException e) {
        closeTarget();
        long now = clockMillis.getAsLong();
        nextAttempt = now + retryMillis;
        if (failure == null) {
            failure = e;
            failingSince = now;
            report.println("memtune: cannot write the log " + file + " (" + reason(e) + "); the service goes on,"
                    + " lost lines are counted and the log resumes with a note of them once it can be written"
                    + " (retried every " + retryMillis + " ms)");
        }
    }

    private void lose(byte[] bytes, int offset, int length) {
        lostBytes += length;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                lostLines++;
            }
        }
    }

    private void closeTarget() {
        if (target != null) {
            try {
                target.close();
            } catch (IOException ignored) {
                // the descriptor goes anyway; the failure that brought us here is the one reported
            }
            target = null;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
