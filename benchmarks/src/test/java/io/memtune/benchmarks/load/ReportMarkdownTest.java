package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportMarkdownTest {

    private final String md = ReportMarkdown.section(Reports.report());

    @Test
    void theSectionSaysHowToReproduceItAndThatAQuickRunIsNotForQuoting() {
        assertTrue(md.contains("benchmarks/run-performance-report.sh --quick"), md);
        assertTrue(md.contains("Quick smoke run"), md);
    }

    @Test
    void aOneRoundRunSaysItsFiguresAreOneRunsAndHowToRepeatIt() {
        String oneRound = ReportMarkdown.section(Reports.report(ReportPlan.full().withRounds(1)));
        assertTrue(oneRound.contains("benchmarks/run-performance-report.sh --rounds 1\n"), oneRound);
        assertTrue(oneRound.contains("1 round of 30 s runs after 30 s of warm-up; each figure is one run's."), oneRound);
        String full = ReportMarkdown.section(Reports.report(ReportPlan.full()));
        assertTrue(full.contains("benchmarks/run-performance-report.sh\n"), full);
        assertTrue(full.contains("3 rounds of 30 s runs after 30 s of warm-up; medians of the rounds."), full);
    }

    @Test
    void aPlanNeedsAtLeastOneRound() {
        assertThrows(IllegalArgumentException.class, () -> ReportPlan.full().withRounds(0));
    }

    @Test
    void everyFlagOfBothSidesIsListed() {
        assertTrue(md.contains("| JVM, from the distribution's `jvm.options` | `-Xms256m` `-XX:+UseStringDeduplication` |"
                + " `-Xms256m` `-XX:+UseStringDeduplication` |"), md);
        assertTrue(md.contains("`-Xmx72m` `-Xms72m` `-XX:+UseG1GC` | `-Xmx72m` `-Xms72m` `-XX:+UseG1GC` |"), md);
        assertTrue(md.contains("| `io.memtune.template` `mode` | `baseline` | `optimized` |"), md);
    }

    @Test
    void figuresAreRatiosAgainstTheBaselineOfTheSameRunWithTheirVerdicts() {
        assertTrue(md.contains("N1 = **10 users**"), md);
        assertTrue(md.contains("Optimized at 2 N1 (the issue's target): p99 1.10x baseline's at N1 (at most 1.2x), success 100.00%"
                + " (at least 99.9%): **met**."), md);
        assertTrue(md.contains("Optimized at 4 N1 (the issue's goal): p99 1.60x"), md);
        assertTrue(md.contains("| optimized | 20 | 1000 | 1.38 | 5.50 | 11.00 | 100.00% | 40% | 1.0% | 30.0 MB | 300.0 MB | 1.10x |"), md);
        assertTrue(md.contains("| baseline | 20 | 1000 | 300.00 | 20.00% | 200: 2000, 503: 8000 | 7 |"), md);
        assertTrue(md.contains("| optimized | 1.60x (peak 5000/s) | 0% | 0.96x | 1.50x | 2.00 ms | 3 s | **met** |"), md);
        assertTrue(md.contains("| baseline | 1.60x (peak 5000/s) | 0% | 0.80x | 1.50x | 30.00 ms | not within the phase | **not met** |"), md);
    }

    @Test
    void thePlotsAreLinkedBesideTheDocument() {
        for (String scenario : new String[] {"headroom", "memory-bound", "overload"}) {
            assertTrue(md.contains("](performance/load-" + scenario + "-latency.png)"), scenario);
            assertTrue(md.contains("](performance/load-" + scenario + "-heap.png)"), scenario);
        }
    }
}
