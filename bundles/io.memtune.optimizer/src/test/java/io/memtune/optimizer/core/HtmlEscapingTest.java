package io.memtune.optimizer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.mustachejava.util.HtmlEscaper;

class HtmlEscapingTest {

    @Test
    void escapesEveryCharacterAsMustacheJavaDoes() throws IOException {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String one = String.valueOf((char) c);
            assertEquals(mustacheJava(one), ours(one, RenderOutput.CAPACITY), "character " + c);
        }
    }

    @Test
    void escapesRunsBetweenReplacementsAsMustacheJavaDoes() throws IOException {
        assertEquals("", ours("", RenderOutput.CAPACITY));
        assertEquals("a &lt;b&gt; &amp;&amp; &quot;c&quot;&#61;&#39;d&#39;&#96;&#10;",
                ours("a <b> && \"c\"='d'`\n", RenderOutput.CAPACITY));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String text = randomText(random, 40);
            assertEquals(mustacheJava(text), ours(text, RenderOutput.CAPACITY), text);
        }
    }

    @Test
    void escapesAcrossBufferBoundariesAsMustacheJavaDoes() throws IOException {
        Random random = new Random(7);
        for (int capacity = HtmlEscaping.LONGEST; capacity <= 20; capacity++) {
            for (int i = 0; i < 500; i++) {
                String text = randomText(random, 60);
                assertEquals(mustacheJava(text), ours(text, capacity), "capacity " + capacity + ": " + text);
            }
        }
    }

    @Test
    void writesTextAndValuesInTheirOrderWhateverTheirLength() throws IOException {
        Random random = new Random(11);
        for (int capacity = HtmlEscaping.LONGEST; capacity <= 40; capacity += 3) {
            StringWriter out = new StringWriter();
            RenderOutput output = new RenderOutput(out, capacity);
            StringBuilder expected = new StringBuilder();
            for (int piece = 0; piece < 200; piece++) {
                String text = randomText(random, 3 * capacity);
                if (random.nextBoolean()) {
                    output.text(text);
                    expected.append(text);
                } else {
                    output.escaped(text);
                    expected.append(mustacheJava(text));
                }
            }
            output.flush();
            assertEquals(expected.toString(), out.toString(), "capacity " + capacity);
        }
    }

    private static String randomText(Random random, int longest) {
        String alphabet = "ab <>&\"'=`\n\t\u00e9\u20ac\ud83d\ude00/\\";
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(longest); n > 0; n--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String ours(String text, int capacity) throws IOException {
        StringWriter out = new StringWriter();
        RenderOutput output = new RenderOutput(out, capacity);
        output.escaped(text);
        output.flush();
        return out.toString();
    }

    private static String mustacheJava(String text) {
        StringWriter out = new StringWriter();
        HtmlEscaper.escape(text, out);
        return out.toString();
    }
}
