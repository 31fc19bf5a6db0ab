package io.memtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResilientLogStreamTest {

    private static final Path FILE = Path.of("/srv/memtune/data/log/memtune.log");
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** A log file on a disk that can be filled and freed: every open gives a stream that fails while full. */
    private static final class Disk {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicInteger opens = new AtomicInteger();
        volatile boolean full;
        volatile boolean unopenable;

        OutputStream open() throws IOException {
            opens.incrementAndGet();
            if (unopenable) {
                throw new IOException("Permission denied");
            }
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (full) {
                        throw new IOException("No space left on device");
                    }
                    written.write(b, off, len);
                }
            };
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private final Disk disk = new Disk();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ResilientLogStream stream = new ResilientLogStream(FILE, disk::open,
            new PrintStream(stderr, true, StandardCharsets.UTF_8), now::get, RETRY);
    /** As the launcher uses it: System.out and System.err both print here. */
    private final PrintStream log = new PrintStream(stream, true, StandardCharsets.UTF_8);

    private String reported() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void writesEachLineThroughWhileTheFileCanBeWritten() {
        log.println("one");
        log.println("two");

        assertEquals("one\ntwo\n", disk.text());
        assertEquals("", reported());
        assertFalse(log.checkError());
    }

    @Test
    void aFullDiskNeitherThrowsNorStopsTheWriterAndIsReportedOnceNamingTheFileAndTheError() {
        log.println("before");
        disk.full = true;
        for (int i = 0; i < 100; i++) {
            log.println("line " + i);
            now.addAndGet(100); // retries come and fail too
        }

        assertFalse(log.checkError(), "the PrintStream never saw an error: nothing in the service does");
        assertEquals(1, count(reported(), "cannot write the log"), reported());
        assertTrue(reported().contains(FILE.toString()) && reported().contains("No space left on device"), reported());
        assertEquals("before\n", disk.text());
    }

    @Test
    void oncePossibleAgainTheLogResumesWithALineSayingHowManyLinesAndBytesWereLost() {
        log.println("before");
        disk.full = true;
        log.println("lost one");
        log.println("lost two");
        disk.full = false;
        now.addAndGet(RETRY.toMillis());
        log.println("after");

        String text = disk.text();
        assertTrue(text.startsWith("before\nmemtune: the log could not be written from "), text);
        assertTrue(text.contains("(No space left on device): 2 line(s), 18 byte(s) lost\nafter\n"), text);
        assertFalse(text.contains("lost one"), text);
        assertTrue(reported().contains("is written again; 2 line(s), 18 byte(s) were lost"), reported());
    }

    @Test
    void aFailingFileIsReopenedAtMostOncePerRetryIntervalSoAReplacedFileIsPickedUp() {
        log.println("before");
        disk.full = true;
        log.println("fails, closes the file");
        int opensAfterFailure = disk.opens.get();
        for (int i = 0; i < 50; i++) {
            log.println("counted, not tried");
        }
        assertEquals(opensAfterFailure, disk.opens.get(), "no reopen within the interval");

        now.addAndGet(RETRY.toMillis());
        log.println("tried once, fails again");
        assertEquals(opensAfterFailure + 1, disk.opens.get());
        assertEquals(1, count(reported(), "cannot write the log"), "a failed retry is no new report: " + reported());

        disk.full = false;
        now.addAndGet(RETRY.toMillis());
        log.println("after");
        assertTrue(disk.text().contains(": 52 line(s), "), disk.text());
        assertTrue(disk.text().endsWith(" lost\nafter\n"), disk.text());
    }

    @Test
    void theLossNoticeStartsOnALineOfItsOwnAfterAPartlyWrittenLine() {
        log.print("half a line");
        disk.full = true;
        log.println(" and its end");
        disk.full = false;
        now.addAndGet(RETRY.toMillis());
        log.println("after");

        assertTrue(disk.text().startsWith("half a line\nmemtune: the log could not be written"), disk.text());
    }

    @Test
    void aSecondFailureAfterRecoveryIsReportedAgainAndCountedFromZero() {
        disk.full = true;
        log.println("first episode");
        disk.full = false;
        now.addAndGet(RETRY.toMillis());
        log.println("between");
        disk.full = true;
        log.println("second episode, a longer line");
        disk.full = false;
        now.addAndGet(RETRY.toMillis());
        log.println("after");

        assertEquals(2, count(reported(), "cannot write the log"), reported());
        assertTrue(disk.text().contains(": 1 line(s), 30 byte(s) lost\nafter\n"), disk.text());
    }

    @Test
    void aFileThatCannotBeOpenedAtStartIsReportedAndOpenedOnceItCanBe() {
        disk.unopenable = true;
        ResilientLogStream unopenable = new ResilientLogStream(FILE, disk::open,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), now::get, RETRY);
        PrintStream out = new PrintStream(unopenable, true, StandardCharsets.UTF_8);
        out.println("at start");

        assertTrue(reported().contains("cannot write the log " + FILE + " (Permission denied)"), reported());
        disk.unopenable = false;
        now.addAndGet(RETRY.toMillis());
        out.println("later");
        assertTrue(disk.text().matches("(?s)memtune: the log could not be written .*: 1 line\\(s\\), 9 byte\\(s\\) lost\nlater\n"),
                disk.text());
    }

    @Test
    void appendsToTheRealFileWithoutTruncatingIt(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("memtune.log");
        Files.writeString(file, "from the last run\n");
        try (PrintStream out = new PrintStream(ResilientLogStream.appendingTo(file, new PrintStream(stderr)), true,
                StandardCharsets.UTF_8)) {
            out.println("this run");
        }
        assertEquals("from the last run\nthis run\n", Files.readString(file));
    }
}
