package io.memtune.execution.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.memtune.api.execution.ResponseSink;

class HeldBackWriterTest {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Long> opened = new ArrayList<>();
    private final ResponseSink sink = length -> {
        opened.add(length);
        return received;
    };

    @Test
    void aPageThatFitsIsSentOnceWithItsLength() throws IOException {
        HeldBackWriter w = new HeldBackWriter(new char[16], new byte[48], sink);
        w.write("héllo");
        assertFalse(w.committed(), "nothing leaves before the end");
        assertEquals(List.of(), opened);
        w.finish();
        assertEquals(List.of(6L), opened, "é is two bytes");
        assertEquals("héllo", received.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLargerPageIsStreamedThroughTheSameBuffer() throws IOException {
        HeldBackWriter w = new HeldBackWriter(new char[8], new byte[24], sink);
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            page.append("line ").append(i).append(" ✓ \uD83D\uDE00\n"); // a surrogate pair falls on buffer ends
        }
        for (int i = 0; i < page.length(); i += 7) {
            w.write(page.substring(i, Math.min(page.length(), i + 7)));
        }
        assertTrue(w.committed());
        w.finish();
        assertEquals(List.of(-1L), opened, "opened once, chunked");
        assertEquals(page.toString(), received.toString(StandardCharsets.UTF_8));
        assertEquals(received.size(), w.sent());
    }

    @Test
    void aLoneSurrogateIsWrittenAsAQuestionMarkLikeGetBytes() throws IOException {
        String text = "a\ud800b" + "x".repeat(20) + "\udc00";
        HeldBackWriter w = new HeldBackWriter(new char[8], new byte[24], sink);
        w.write(text);
        w.write("\ud83d"); // a high surrogate left at the very end
        w.finish();
        assertEquals(new String((text + "\ud83d").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                received.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureBeforeTheBufferFillsLeavesNothingSent() throws IOException {
        HeldBackWriter w = new HeldBackWriter(new char[64], new byte[192], sink);
        w.write("partial output");
        w.flush(); // a template's flush must not commit
        assertFalse(w.committed());
        assertEquals(0, received.size());
    }
}
