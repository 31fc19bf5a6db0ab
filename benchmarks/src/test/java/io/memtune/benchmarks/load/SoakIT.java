package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The bounded soak of issue 11 on the assembled distribution (see SoakRun, docs/reliability.md "Soak"): 2.5
 * minutes in every build, 15 with {@code -Psoak}; {@code -Dsoak.minutes=N} and the other {@code soak.*}
 * properties (SoakPlan) change it. The report is in target/soak/soak-report.md and .json.
 */
class SoakIT {

    @Test
    void atN1UsersWithHotReloadsTheLiveHeapStaysFlatNothingLeaksAndNoRequestFails() throws Exception {
        Path distribution = Path.of(System.getProperty("memtune.distribution", "../distribution/target/memtune"));
        Path work = Path.of(System.getProperty("soak.work", "target/soak"));
        SoakVerdict verdict = SoakRun.run(SoakPlan.from(System::getProperty), distribution, work);
        assertTrue(verdict.passed(), () -> "the soak failed:\n - " + String.join("\n - ", verdict.failures()) + "\nsee "
                + work.toAbsolutePath().resolve("soak-report.md"));
    }
}
