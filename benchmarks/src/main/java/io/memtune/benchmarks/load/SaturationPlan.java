package io.memtune.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.memtune.benchmarks.CorpusShape;

/**
 * What {@code benchmarks/run-saturation.sh} measures and how ({@link Saturation}): every option with its default;
 * {@code --quick} shrinks everything to check the instrument end to end in a few minutes, never for figures.
 *
 * @param corpora the corpora, in order: shapes ({@link CorpusShape#option()}) and {@value #SAMPLES}
 * @param rounds how many times each mode runs on each corpus, alternated: baseline, optimized, baseline, ...
 * @param connections wrk's connections while measuring and warming up (enough to keep the server's cores busy)
 * @param coldConnections the other connection count of the cold-start measurement; 0: none
 * @param coldRounds the rounds that measure the start at {@code coldConnections} too (a fresh container of its own)
 * @param windowSeconds a warm-up window, and a cold-start window
 * @param steadyBand steady: three windows in a row within this share of their median
 * @param steadyCapSeconds the warm-up gives up waiting for steady state after this long (the run is flagged)
 * @param coldSeconds the warm-up is recorded window by window for at least this long from "memtune ready"
 * @param measureWindows the windows measured at saturation after steady state
 * @param measureSeconds each one's length
 * @param heapFlags the server's heap flags, the same for both modes (added after the shipped jvm.options)
 * @param serverCpus the server's CPUs (taskset -c list)
 * @param clientCpus wrk's CPUs (and this driver's)
 * @param wrkThreads wrk's threads; 0: one per client CPU
 * @param tenants tenants of a generated corpus
 * @param templates pages per tenant of a generated corpus
 * @param listItems items of a wide list
 * @param home the assembled distribution
 * @param work where corpora, container copies, logs and the report go
 */
record SaturationPlan(List<String> corpora, int rounds, int connections, int coldConnections, int coldRounds,
        int windowSeconds, double steadyBand, int steadyCapSeconds, int coldSeconds, int measureWindows, int measureSeconds,
        List<String> heapFlags, String serverCpus, String clientCpus, int wrkThreads, int tenants, int templates,
        int listItems, Path home, Path work) {

    /** The distribution's own corpus: its templates, with samples/&lt;page&gt;.json for every tenant's page of that name. */
    static final String SAMPLES = "samples";

    static final String USAGE = "benchmarks/run-saturation.sh [--quick] [--corpora " + allCorpora() + "] [--rounds 2]"
            + " [--connections 64] [--cold-connections 8] [--cold-rounds 1] [--window-seconds 5] [--steady-band 0.05]"
            + " [--steady-cap-seconds 240] [--cold-seconds 60] [--measure-windows 3] [--measure-seconds 15]"
            + " [--heap \"-Xms256m -Xmx256m\"] [--server-cpus 0] [--client-cpus 1] [--wrk-threads N] [--tenants 100]"
            + " [--templates 20] [--list-items 300] [--home distribution/target/memtune] [--work benchmarks/target/saturation]";

    SaturationPlan {
        for (String corpus : corpora) {
            require(List.of(allCorpora().split(",")).contains(corpus),
                    "--corpora takes names from " + allCorpora() + ", not '" + corpus + "'");
        }
        require(!corpora.isEmpty(), "--corpora names at least one corpus");
        require(rounds >= 1, "--rounds must be at least 1");
        require(connections >= 1 && coldConnections >= 0, "--connections must be at least 1, --cold-connections 0 or more");
        require(windowSeconds >= 1 && measureSeconds >= 1 && measureWindows >= 1, "--window-seconds, --measure-seconds and"
                + " --measure-windows must be at least 1");
        require(steadyBand > 0 && steadyBand < 1, "--steady-band lies between 0 and 1, not " + steadyBand);
        require(steadyCapSeconds >= 3 * windowSeconds, "--steady-cap-seconds must leave room for three windows");
        require(coldSeconds >= 0, "--cold-seconds must be 0 or more");
        require(wrkThreads >= 0, "--wrk-threads must be 0 (one per client CPU) or more");
        require(tenants >= 1 && templates >= 1 && listItems >= 1, "--tenants, --templates and --list-items must be at least 1");
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException(message);
        }
    }

    static String allCorpora() {
        List<String> all = new ArrayList<>();
        Arrays.stream(CorpusShape.values()).map(CorpusShape::option).forEach(all::add);
        all.add(SAMPLES);
        return String.join(",", all);
    }

    /** wrk's threads: as asked, else one per CPU of {@link #clientCpus}. */
    int threads() {
        return wrkThreads > 0 ? wrkThreads : cpuCount(clientCpus);
    }

    /** How many CPUs a taskset list names ({@code 0}, {@code 0-3}, {@code 0,2,4-5}). */
    static int cpuCount(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            try {
                int first = Integer.parseInt(range[0].trim());
                int last = range.length == 1 ? first : Integer.parseInt(range[1].trim());
                if (range.length > 2 || last < first) {
                    throw new NumberFormatException(part);
                }
                count += last - first + 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + list + "' is not a CPU list (taskset -c): e.g. 0, 0-3 or 0,2");
            }
        }
        return count;
    }

    static SaturationPlan parse(String... args) {
        List<String> corpora = List.of(allCorpora().split(","));
        int rounds = 2;
        int connections = 64;
        int coldConnections = 8;
        int coldRounds = 1;
        int window = 5;
        double band = 0.05;
        int cap = 240;
        int cold = 60;
        int measureWindows = 3;
        int measureSeconds = 15;
        String heap = "-Xms256m -Xmx256m";
        String serverCpus = "0";
        String clientCpus = "1";
        int threads = 0;
        int tenants = 100;
        int templates = 20;
        int listItems = 300;
        Path home = Path.of("distribution/target/memtune");
        Path work = Path.of("benchmarks/target/saturation");
        boolean quick = List.of(args).contains("--quick");
        if (quick) {
            rounds = 1;
            coldRounds = 1;
            cap = 45;
            cold = 30;
            measureWindows = 1;
            measureSeconds = 5;
            tenants = 5;
            templates = 4;
            listItems = 100;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            try {
                switch (args[i]) {
                    case "--corpora" -> corpora = List.of(value.split(","));
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--cold-connections" -> coldConnections = Integer.parseInt(value);
                    case "--cold-rounds" -> coldRounds = Integer.parseInt(value);
                    case "--window-seconds" -> window = Integer.parseInt(value);
                    case "--steady-band" -> band = Double.parseDouble(value);
                    case "--steady-cap-seconds" -> cap = Integer.parseInt(value);
                    case "--cold-seconds" -> cold = Integer.parseInt(value);
                    case "--measure-windows" -> measureWindows = Integer.parseInt(value);
                    case "--measure-seconds" -> measureSeconds = Integer.parseInt(value);
                    case "--heap" -> heap = value;
                    case "--server-cpus" -> serverCpus = value;
                    case "--client-cpus" -> clientCpus = value;
                    case "--wrk-threads" -> threads = Integer.parseInt(value);
                    case "--tenants" -> tenants = Integer.parseInt(value);
                    case "--templates" -> templates = Integer.parseInt(value);
                    case "--list-items" -> listItems = Integer.parseInt(value);
                    case "--home" -> home = Path.of(value);
                    case "--work" -> work = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i] + " takes a number, not '" + value + "'");
            }
            i++;
        }
        cpuCount(serverCpus);
        cpuCount(clientCpus);
        return new SaturationPlan(corpora, rounds, connections, coldConnections, coldRounds, window, band, cap, cold,
                measureWindows, measureSeconds, List.of(heap.trim().split("\\s+")), serverCpus, clientCpus, threads, tenants,
                templates, listItems, home, work);
    }
}
