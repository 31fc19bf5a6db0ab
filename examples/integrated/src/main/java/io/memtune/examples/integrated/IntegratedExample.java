package io.memtune.examples.integrated;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.memtune.api.alert.AlertService;
import io.memtune.api.concurrency.ConcurrencyManager;
import io.memtune.api.execution.TemplateExecutor;
import io.memtune.api.optimizer.OptimizationReport;
import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.profiler.MemoryProfiler;
import io.memtune.api.template.TemplateService;
import io.memtune.api.tuner.Tuner;
import io.memtune.embedded.Memtune;
import io.memtune.embedded.ModuleStatus;

/**
 * The integrated example: memtune in a plain Java program, no OSGi anywhere. The embedded bootstrap finds every
 * component through {@code java.util.ServiceLoader} and configures it from the same environment file the container
 * reads; the program compiles the sample corpus, renders it under a generated load through the execution optimizer,
 * and prints a memory report.
 *
 * <pre>java -jar memtune-integrated.jar [--home DIR] [--env dev] [--users N] [--seconds S]</pre>
 */
public final class IntegratedExample {

    /** What a run did, for the caller to check. */
    record Outcome(List<ModuleStatus> modules, OptimizationReport optimization, GeneratedLoad.Result load, String report) {
    }

    /** The run's settings; {@code home} holds {@code config/}, {@code templates/} and {@code samples/}. */
    record Options(Path home, String environment, int users, Duration duration) {

        static Options parse(String[] args) throws URISyntaxException {
            Path home = defaultHome();
            String environment = "dev";
            int users = 2 * Runtime.getRuntime().availableProcessors();
            Duration duration = Duration.ofSeconds(10);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--home" -> home = Path.of(required(args[i], value));
                    case "--env" -> environment = required(args[i], value);
                    case "--users" -> users = positive(args[i], value);
                    case "--seconds" -> duration = Duration.ofSeconds(positive(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; options: --home DIR, --env NAME, --users N, --seconds S");
                }
                i++;
            }
            return new Options(home, environment, users, duration);
        }

        /** The directory next to the jar (or next to the classes when run from the build): {@code home/}. */
        private static Path defaultHome() throws URISyntaxException {
            Path code = Path.of(IntegratedExample.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("home");
        }

        private static String required(String option, String value) {
            if (value == null || value.startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(required(option, value));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below, with the option's name
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
        }
    }

    private IntegratedExample() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("memtune-integrated: " + e.getMessage());
            System.exit(2);
            return;
        }
        Outcome outcome = run(options, System.out);
        boolean healthy = outcome.modules().stream().allMatch(m -> m.state() == ModuleStatus.State.STARTED)
                && outcome.load().failed() == 0;
        System.exit(healthy ? 0 : 1);
    }

    static Outcome run(Options options, PrintStream progress) throws Exception {
        progress.printf("memtune embedded: home %s, environment %s%n", options.home().toAbsolutePath(), options.environment());
        try (Memtune memtune = Memtune.start(Map.of("memtune.home", options.home().toString(), "memtune.env",
                options.environment()))) {
            MemoryProfiler profiler = memtune.service(MemoryProfiler.class);
            long beforeCorpus = heapAfterGc(profiler);
            TemplateService templates = memtune.service(TemplateService.class);
            TemplateExecutor executor = memtune.service(TemplateExecutor.class);
            Corpus corpus = Corpus.of(templates, options.home().resolve("samples"));
            for (Corpus.Page page : corpus.pages()) { // compile every page once: the corpus as it sits in memory
                executor.render(page.tenant(), page.template(), new ByteArrayInputStream(page.context()),
                        length -> OutputStream.nullOutputStream());
            }
            long afterCorpus = heapAfterGc(profiler);
            progress.printf("%d pages of %d tenants compiled; %d users render for %d s...%n", corpus.pages().size(),
                    templates.tenants().size(), options.users(), options.duration().toSeconds());
            GeneratedLoad.Result load = GeneratedLoad.run(executor, corpus, options.users(), options.duration());
            long afterLoad = heapAfterGc(profiler);
            OptimizationReport optimization = memtune.service(Optimizer.class).report();
            String report = new MemoryReport()
                    .modules(memtune.modules())
                    .heap(new MemoryReport.Heap(beforeCorpus, afterCorpus, afterLoad, profiler.snapshot().heapMax()))
                    .optimization(optimization)
                    .load(load)
                    .pools(memtune.service(PoolManager.class).statistics())
                    .executors(memtune.service(ConcurrencyManager.class).statistics())
                    .alerts(memtune.service(AlertService.class).alerts(false))
                    .recommendations(memtune.service(Tuner.class).recommend())
                    .toString();
            progress.print(report);
            return new Outcome(memtune.modules(), optimization, load, report);
        }
    }

    /**
     * The live heap: an explicit collection first, which an example may ask for (a service would read the
     * profiler's figure after the collector's own last cycle instead).
     */
    private static long heapAfterGc(MemoryProfiler profiler) {
        System.gc();
        return profiler.snapshot().heapUsedAfterGc();
    }
}
