package io.memtune.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * Everything one run of the load report measured, and how: what the Markdown section, the plots and the
 * summary JSON are written from.
 *
 * @param date when it ran (ISO date)
 * @param setup what both sides shared
 */
record Report(String date, ReportPlan plan, Setup setup, Calibration calibration, CpuHeadroom headroom, MemoryBound memory,
        OverloadScenario overload) {

    /**
     * What both sides shared: the machine, the corpus, the distribution's jvm.options (as bin/memtune reads them),
     * the flags added on top of them, and the closed-loop users' think time. The environment file differs between
     * the sides only in the template service's mode.
     */
    /** @param placement where the server and the load generator ran ({@link ServerPinning#describe}) */
    record Setup(int cores, String java, int pages, String corpus, List<String> jvmOptions, List<String> flags, Duration think,
            String placement) {
    }
}
