package io.memtune.tuner.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.tuner.Tuner;

/** {@code memtune:tune-history} (hyphenated: its own component with {@code _main}). */
@Component(service = TuneHistoryCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=tune-history" })
public final class TuneHistoryCommand {

    private final Tuner tuner;

    @Activate
    public TuneHistoryCommand(@Reference Tuner tuner) {
        this.tuner = tuner;
    }

    @Descriptor("lists every change the tuner made, its verification or rollback, with the figures")
    public String _main(@Descriptor("the command's name (given by the shell)") String command) {
        StringBuilder out = new StringBuilder();
        for (Tuner.Change c : tuner.history()) {
            out.append(String.format(java.util.Locale.ROOT, "%s  %s  %s %s -> %s  %s (before %.3g, after %.3g)%n", c.time(),
                    c.recommendation().id(), c.recommendation().setting(), c.recommendation().current(),
                    c.recommendation().proposed(), c.outcome(), c.before(), c.after()));
        }
        return out.length() == 0 ? "no change made yet" : out.toString().stripTrailing();
    }
}
