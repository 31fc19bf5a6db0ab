package io.memtune.profiler.internal;

import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.profiler.ClassLoaderLeaks;

/** {@code memtune:leaks}. */
@Component(service = LeaksCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=leaks" })
public final class LeaksCommand {

    private final ClassLoaderLeaks leaks;

    @Activate
    public LeaksCommand(@Reference ClassLoaderLeaks leaks) {
        this.leaks = leaks;
    }

    @Descriptor("old bundle revisions whose class loader has not become unreachable after an update or uninstall:"
            + " watching (grace period), suspect (may still be released), LEAKED (reachable through the settle window"
            + " and its full collections)")
    public String leaks() {
        List<ClassLoaderLeaks.LeakSuspect> suspects = leaks.suspects();
        if (suspects.isEmpty()) {
            return "no old bundle revision is still reachable";
        }
        StringBuilder out = new StringBuilder();
        for (ClassLoaderLeaks.LeakSuspect s : suspects) {
            out.append(String.format(Locale.ROOT, "%-50s %s %d s ago, %d full collections: %s%n", s.bundle() + " [" + s.bundleId()
                    + "]", s.event(), s.secondsSince(), s.collections(), describe(s.state())));
        }
        return out.toString().stripTrailing();
    }

    private static String describe(ClassLoaderLeaks.State state) {
        return switch (state) {
            case WATCHING -> "watching (grace period)";
            case SUSPECT -> "suspect (still reachable; leaked only if it stays so through the settle window)";
            case LEAKED -> "LEAKED";
        };
    }
}
