package io.memtune.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ErrorResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aQuotedTextReadsBackAsItselfWhateverItHolds() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x30) : (char) random.nextInt(0x3000));
            }
            String original = text.toString();
            assertEquals(original, JSON.readValue(ErrorResponses.quote(original), String.class), () -> "escaping " + original);
        }
    }
}
