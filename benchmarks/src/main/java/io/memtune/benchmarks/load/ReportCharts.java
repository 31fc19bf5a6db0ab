package io.memtune.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The load report's plots, PNGs in one folder: per scenario, p99 latency per second and heap used over time,
 * both modes on one chart; for the overload also goodput per second, with the phase changes marked. Of
 * scenarios run in several rounds, the last round is drawn (a chart of every round would be unreadable; the
 * tables have them all).
 */
final class ReportCharts {

    private ReportCharts() {
    }

    static void write(Report r, Path dir) throws IOException {
        int n1 = r.headroom().n1();
        List<Run> headroom = lastRound(r.headroom().runs(), r.plan().rounds());
        Function<Run, String> name = run -> run.mode() + ", " + run.users() + " users (" + multiple(run.users(), n1) + ")";
        runs(dir, "headroom", "CPU headroom", headroom, name);
        runs(dir, "memory-bound", "memory-bound (-Xmx" + r.memory().capMb() + "m)", lastRound(r.memory().runs(), r.plan().rounds()), name);
        List<Double> phases = List.of((double) r.plan().unloaded().toSeconds(),
                (double) (r.plan().unloaded().toSeconds() + r.plan().overload().toSeconds()));
        List<OverloadScenario.ModeRun> overload = r.overload().runs();
        TimeChart.write(dir.resolve("load-overload-latency.png"), "Overload: admitted (200) p99 per second", "p99 ms",
                overload.stream().map(m -> latency(m.mode(), m.latency(), LatencySeries.Second::okP99Millis)).toList(), phases);
        TimeChart.write(dir.resolve("load-overload-heap.png"), "Overload: heap used", "MB",
                overload.stream().map(m -> heap(m.mode(), m.heap())).toList(), phases);
        TimeChart.write(dir.resolve("load-overload-goodput.png"), "Overload: answers with status 200 per second", "per second",
                overload.stream().map(m -> latency(m.mode(), m.latency(), s -> s.ok())).toList(), phases);
    }

    private static void runs(Path dir, String file, String title, List<Run> runs, Function<Run, String> name) throws IOException {
        TimeChart.write(dir.resolve("load-" + file + "-latency.png"), title + ": p99 per second", "p99 ms",
                runs.stream().map(run -> latency(name.apply(run), run.latency(), LatencySeries.Second::p99Millis)).toList(), List.of());
        TimeChart.write(dir.resolve("load-" + file + "-heap.png"), title + ": heap used", "MB",
                runs.stream().map(run -> heap(name.apply(run), run.heap())).toList(), List.of());
    }

    private static TimeChart.Line latency(String name, List<LatencySeries.Second> seconds, ToDoubleFunction<LatencySeries.Second> y) {
        return new TimeChart.Line(name, seconds.stream().map(s -> new double[] {s.second(), y.applyAsDouble(s)}).toList());
    }

    private static TimeChart.Line heap(String name, List<ServerSampler.Sample> samples) {
        return new TimeChart.Line(name, samples.stream().map(s -> new double[] {s.second(), s.heapUsed() / 1048576.0}).toList());
    }

    /** The runs of the last round: rounds repeat the same sequence. */
    static List<Run> lastRound(List<Run> runs, int rounds) {
        int perRound = runs.size() / rounds;
        return new ArrayList<>(runs.subList(runs.size() - perRound, runs.size()));
    }

    private static String multiple(int users, int n1) {
        return users == n1 ? "N1" : users % n1 == 0 ? users / n1 + " N1" : users + "/" + n1 + " N1";
    }
}
