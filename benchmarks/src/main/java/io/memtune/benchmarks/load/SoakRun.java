package io.memtune.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded soak (issue 11): the assembled distribution, optimized mode, at N1 closed-loop users for a fixed
 * time, with a template and a configuration hot reload every few seconds, each verified in force; the server
 * sampled at a fixed period (live heap after a full collection, threads, file descriptors, classes, class
 * loaders, RSS); then judged ({@link SoakVerdict}) and reported ({@link SoakReport}).
 *
 * <pre>
 * java -Dsoak.minutes=15 -cp ... io.memtune.benchmarks.load.SoakRun --distribution distribution/target/memtune \
 *     --work benchmarks/target/soak
 * </pre>
 *
 * The container runs from a private copy of the distribution in the work folder (its data/ and command socket
 * its own, so other containers started from the distribution at the same time are not disturbed), on a free
 * port, with a corpus generated afresh (the reloads edit it).
 */
public final class SoakRun {

    static final String MODE = "optimized";
    /** Every fourth cycle also adds (or removes) a template. */
    static final int ADD_OR_REMOVE_EVERY = 4;
    /** The longest a reload may take to be seen: the watchers poll every second, a template must be still for one. */
    static final Duration SEEN_WITHIN = Duration.ofSeconds(15);

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("--distribution") || !args[2].equals("--work")) {
            System.err.println("usage: SoakRun --distribution DIR --work DIR   (-Dsoak.minutes=2.5 -Dsoak.users=15 ...: see SoakPlan)");
            System.exit(2);
        }
        SoakVerdict verdict = run(SoakPlan.from(System::getProperty), Path.of(args[1]), Path.of(args[3]));
        System.exit(verdict.passed() ? 0 : 1);
    }

    /** Runs a soak, writes its report in {@code work}, prints its summary line, and returns the verdict. */
    static SoakVerdict run(SoakPlan plan, Path distribution, Path work) throws Exception {
        if (!Files.isExecutable(distribution.resolve("bin/memtune"))) {
            throw new IllegalStateException("no distribution at " + distribution + " (build it: mvn -pl distribution -am package)");
        }
        Path home = work.toAbsolutePath().resolve("memtune");
        deleteTree(home);
        deleteTree(work.resolve("corpus"));
        copyWithoutData(distribution, home);
        Bench bench = Bench.of(home, work.toAbsolutePath(), plan.tenants(), plan.templates(), freePort(), plan.think());
        List<String> flags = bench.flags(plan.xmx());
        ConfigReloads config = new ConfigReloads(bench, MODE, new ShellClient(home));

        List<HotReload.Outcome> reloads = new ArrayList<>();
        long cycles;
        LoadResult load;
        List<SoakSample> samples;
        List<String> missed;
        ExecutorService loadThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "soak-load"));
        try (Server server = Server.startWith(bench, MODE, flags, config.initial())) {
            long origin = System.nanoTime();
            long end = origin + plan.length().toNanos();
            ClosedLoopLoad users = new ClosedLoopLoad(server.base(), bench.targets(), Duration.ofSeconds(30));
            LatencySeries perSecond = new LatencySeries(origin);
            Future<LoadResult> running = loadThread.submit(() -> users.run(plan.users(), Duration.ZERO, plan.length(), plan.think(),
                    perSecond));
            SoakSampler sampler = SoakSampler.start(server.pid(), origin, end, plan.sampleEvery());
            cycles = reloadUntil(plan, end, origin, new TemplateReloads(bench, server.base()), config, server, reloads);
            load = running.get();
            List<LatencySeries.Second> seconds = perSecond.seconds();
            samples = sampler.stop().stream().map(s -> s.withRequestsFrom(seconds)).toList();
            missed = sampler.missed();
            server.requireAlive();
        } finally {
            loadThread.shutdownNow();
        }
        SoakVerdict verdict = SoakVerdict.judge(plan, samples, load, reloads, cycles);
        SoakReport.Contents contents = new SoakReport.Contents(plan, flags, bench.targets().size(), verdict, samples, missed);
        SoakReport.write(work, contents);
        System.out.println(SoakReport.summary(contents));
        System.out.println("report: " + work.toAbsolutePath().resolve("soak-report.md") + " (and soak-report.json)");
        return verdict;
    }

    /**
     * Reload cycles at the plan's period until {@code end}: a page edited and a configuration value changed (the
     * executor's; when the plan says so, the template cache's every other cycle), every
     * {@value #ADD_OR_REMOVE_EVERY}th cycle a template added or removed; all written first, then each verified.
     * A cycle that overruns delays the next; the count is returned.
     */
    private static long reloadUntil(SoakPlan plan, long end, long origin, TemplateReloads templates, ConfigReloads config, Server server,
            List<HotReload.Outcome> outcomes) throws IOException {
        long cycles = 0;
        for (int cycle = 1;; cycle++) {
            long due = origin + cycle * plan.reloadEvery().toNanos();
            if (due >= end) {
                return cycles;
            }
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            server.requireAlive();
            List<HotReload> made = new ArrayList<>();
            made.add(templates.editPage(cycle));
            if (cycle % ADD_OR_REMOVE_EVERY == 0) {
                made.add(templates.addOrRemove(cycle));
            }
            made.add(plan.reloadTemplateCache() && cycle % 2 == 0 ? config.toggleTemplateCache() : config.toggleExecutor());
            for (HotReload reload : made) {
                outcomes.add(reload.verify(SEEN_WITHIN));
            }
            cycles++;
        }
    }

    /** The distribution without its data/ (logs, framework cache, command socket: per container). */
    static void copyWithoutData(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && relative.getName(0).toString().equals("data")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
