package io.memtune.template.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of tenant and template names against the grammar they implement, written here as the
 * regular expressions they replaced (too slow for a check every render makes, exact as a specification).
 */
class TemplateAddressGrammarTest {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");
    private static final String ALPHABET = "aZ09._-/_ \\:%\u00e9";

    @Test
    void acceptsExactlyTheTenantAndTemplateNamesTheGrammarDescribes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String s = randomString(random, random.nextInt(12));
            assertEquals(TENANT.matcher(s).matches() && !s.equals("_shared"), TemplateRepository.isTenantName(s), "tenant '" + s + "'");
            assertEquals(NAME.matcher(s).matches(), TemplateRepository.isTemplateName(s), "template '" + s + "'");
        }
    }

    @Test
    void refusesPathsThatLeaveTheRepositoryOrAreTooLong() {
        for (String bad : new String[] {"../etc/passwd", "a/../b", "a/..", "/abs", "a//b", "a/", ".hidden", "", "a\\b"}) {
            assertFalse(TemplateRepository.isTemplateName(bad), bad);
        }
        assertFalse(TemplateRepository.isTemplateName(null));
        assertFalse(TemplateRepository.isTenantName(null));
        assertFalse(TemplateRepository.isTenantName("_shared"));
        assertTrue(TemplateRepository.isTenantName("a".repeat(128)));
        assertFalse(TemplateRepository.isTenantName("a".repeat(129)));
        assertTrue(TemplateRepository.isTemplateName("a".repeat(512)));
        assertFalse(TemplateRepository.isTemplateName("a".repeat(513)));
        assertTrue(TemplateRepository.isTemplateName("emails/v2/_footer.html"));
    }

    private static String randomString(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
