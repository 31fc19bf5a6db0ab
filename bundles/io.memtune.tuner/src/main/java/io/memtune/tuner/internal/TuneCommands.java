package io.memtune.tuner.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.tuner.MemoryWindow;
import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Tuner;
import io.memtune.tuner.core.FootprintTexts;

/** {@code memtune:tune [--apply [id...]] [--rollback id] [--write-back id] [--jvm-options] [--collect]}. */
@Component(service = TuneCommands.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=tune" })
public final class TuneCommands {

    private final Tuner tuner;

    @Activate
    public TuneCommands(@Reference Tuner tuner) {
        this.tuner = tuner;
    }

    @Descriptor("lists recommendations; --apply applies live ones (all, or the ids given);"
            + " --rollback undoes one applied; --write-back writes one into the environment file; --jvm-options prints a new"
            + " jvm.options; --collect measures the live set (one full collection) first")
    public String tune(
            @Descriptor("apply live recommendations now (verified, rolled back if worse)")
            @Parameter(names = "--apply", presentValue = "true", absentValue = "false") boolean apply,
            @Descriptor("undo the change applied live for this recommendation id (back to the value before)")
            @Parameter(names = "--rollback", absentValue = "") String rollback,
            @Descriptor("write this recommendation into the environment file")
            @Parameter(names = "--write-back", absentValue = "") String writeBack,
            @Descriptor("print a jvm.options with the JVM recommendations and the figures behind them (not written)")
            @Parameter(names = "--jvm-options", presentValue = "true", absentValue = "false") boolean jvmOptions,
            @Descriptor("measure the live set first: one full collection (a stop-the-world pause), for the heap and collector"
                    + " proposals when no whole-heap collection has measured it yet; ask under representative load")
            @Parameter(names = "--collect", presentValue = "true", absentValue = "false") boolean collect,
            @Descriptor("with --apply: the ids to apply; all live ones when none is given")
            String... ids) {
        if (collect) {
            MemoryWindow window = tuner.collectLiveSet();
            if (!jvmOptions) {
                return String.join("\n", FootprintTexts.describe(window));
            }
        }
        if (jvmOptions) {
            return tuner.jvmOptions();
        }
        if (!rollback.isEmpty()) {
            Tuner.Change c = tuner.rollback(rollback);
            return "rolled back " + rollback + ": " + c.recommendation().setting() + " " + c.recommendation().proposed()
                    + " -> " + c.recommendation().current();
        }
        if (!writeBack.isEmpty()) {
            return tuner.writeBack(writeBack).outcome();
        }
        if (apply) {
            List<String> chosen = Arrays.asList(ids);
            List<Tuner.Change> made = tuner.apply(chosen);
            return made.isEmpty() ? "nothing to apply" : made.stream().map(c -> "applied " + c.recommendation().id() + ": "
                    + c.recommendation().setting() + " " + c.recommendation().current() + " -> " + c.recommendation().proposed())
                    .reduce((a, b) -> a + "\n" + b).orElse("");
        }
        List<Recommendation> all = tuner.recommend();
        if (all.isEmpty()) {
            return "no recommendation: nothing measured asks for a change";
        }
        StringBuilder out = new StringBuilder();
        for (Recommendation r : all) {
            out.append(String.format(Locale.ROOT, "%s  [%s, confidence %.0f%%]%n  %s: %s -> %s%n  why: %s%n  effect: %s%n",
                    r.id(), r.live() ? "live" : "next start", r.confidence() * 100, r.setting(), r.current(), r.proposed(),
                    r.rationale(), r.expectedEffect()));
        }
        return out.toString().stripTrailing();
    }
}
