package io.memtune.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SaturationReportTest {

    private static final SaturationPlan PLAN = SaturationPlan.parse("--corpora", "api-payload");

    /** A window of {@code rps} for 5 s in which the server used {@code cpu} cores. */
    private static WrkWindow window(double rps, double cpu, long errors) {
        return new WrkWindow((long) (rps * 5), 5, cpu * 5, 800, 4000, errors, 0, 0);
    }

    /** A saturation run whose warm-up rises to {@code rps} (steady from the 6th window), measured at {@code rps}. */
    private static SaturationRun run(String mode, int round, double rps, double cpu, long errors) {
        List<SaturationRun.TimedWindow> warmUp = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            warmUp.add(new SaturationRun.TimedWindow(i * 5.0, window(i < 5 ? rps * (i + 1) / 6 : rps, cpu, 0)));
        }
        return new SaturationRun("api-payload", mode, round, SaturationRun.SATURATION, 64, warmUp, 5,
                List.of(window(rps, cpu, errors), window(rps * 1.02, cpu, 0), window(rps * 0.99, cpu, 0)), 0, null);
    }

    private static SaturationReport report(List<SaturationRun> runs) {
        return new SaturationReport(new SaturationReport.Setup("run-saturation.sh", PLAN, "test machine",
                Map.of("baseline", List.of("java", "-Xmx256m")), Map.of(), "wrk -c64"),
                List.of(new SaturationReport.CorpusInfo("api-payload", "an API payload", 10, "abc")), runs);
    }

    @Test
    void comparesRequestsPerServerCoreAsTheMedianOverRounds() {
        SaturationReport report = report(List.of(run("baseline", 1, 2000, 1.0, 0), run("optimized", 1, 3200, 0.8, 0),
                run("baseline", 2, 2100, 1.0, 0), run("optimized", 2, 3400, 0.8, 0)));
        SaturationReport.Row row = report.rows().get(0);
        assertEquals(2050, row.baselineRpsPerCore(), 1e-6);
        assertEquals(4125, row.optimizedRpsPerCore(), 1e-6, "3300 req/s on 0.8 of a core");
        assertEquals(25, row.baselineSteadyAfter(), 1e-9);
        // 20-30 s: windows at 20 (5/6 of steady) and 25 (steady): 11/12 of the measured median
        assertEquals(11.0 / 12, row.baselineCold(), 1e-4);
        assertTrue(report.markdown().contains("| api-payload | 2050 | 4125 | 2.01x | yes |"), report.markdown());
        assertTrue(row.flags().contains("optimized round 1 saturation: server not saturated (CPU 0.80 of 1 cores)"), row.flags().toString());
        assertTrue(report.json().contains("\"ratio\" : 2.0121"), report.json());
    }

    @Test
    void flagsARunWithErrorsAndOneThatNeverSettled() {
        SaturationRun unsettled = new SaturationRun("api-payload", "optimized", 1, SaturationRun.SATURATION, 64,
                List.of(new SaturationRun.TimedWindow(0, window(100, 1, 0))), -1, List.of(window(3000, 1, 0)), 2, "threads.txt");
        SaturationReport report = report(List.of(run("baseline", 1, 2000, 1.0, 7), unsettled));
        List<String> flags = report.rows().get(0).flags();
        assertTrue(flags.contains("baseline round 1 saturation: 7 non-2xx responses or socket errors while measuring"), flags.toString());
        assertTrue(flags.contains("optimized round 1 saturation: no steady state before the cap"), flags.toString());
        assertTrue(flags.contains("optimized round 1 saturation: 2 windows stalled (under 10 % of the best before them; threads:"
                + " threads.txt)"), flags.toString());
        assertTrue(report.markdown().contains("| 25 / not steady |"), report.markdown());
    }

    @Test
    void refusesToCompareModesThatRenderDifferently() {
        Map<String, OutputDigests.Answer> baseline = Map.of("/render/t/p", new OutputDigests.Answer(200, "aa"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputDigests.requireIdentical("lean", baseline,
                Map.of("/render/t/p", new OutputDigests.Answer(200, "bb"))));
        assertTrue(e.getMessage().contains("/render/t/p") && e.getMessage().contains("nothing measured"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OutputDigests.requireIdentical("lean",
                Map.of("/render/t/p", new OutputDigests.Answer(503, "aa")), Map.of("/render/t/p", new OutputDigests.Answer(503, "aa"))));
        assertEquals(OutputDigests.sha256("aa".getBytes()), OutputDigests.requireIdentical("lean", baseline, baseline));
    }
}
