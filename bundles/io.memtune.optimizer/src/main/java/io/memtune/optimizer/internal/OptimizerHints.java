package io.memtune.optimizer.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;

/**
 * GC hints to the tuner, through its rule SPI rather than by touching flags: with the optimizer's own
 * deduplication on, G1's string deduplication has little left to find (it only costs GC work), and with it
 * off G1's is the next best thing.
 */
@Component(service = TuningRule.class)
public final class OptimizerHints implements TuningRule {

    private final boolean deduplicating;

    @Activate
    public OptimizerHints(@Reference OptimizerCore core) {
        this.deduplicating = core.settings().compact() && core.settings().deduplicate();
    }

    @Override
    public String name() {
        return "optimizer-gc-hints";
    }

    @Override
    public List<Recommendation> evaluate(TuningContext c) {
        boolean g1 = "true".equals(c.jvmFlags().get("UseG1GC"));
        boolean jvmDedup = "true".equals(c.jvmFlags().get("UseStringDeduplication"));
        if (g1 && deduplicating && jvmDedup) {
            return List.of(new Recommendation("optimizer-string-deduplication", name(), Recommendation.Kind.JVM_OPTION,
                    "-XX:-UseStringDeduplication", "on", "off", "the optimizer interns template text and names itself,"
                            + " so G1's string deduplication mostly rescans strings already shared", "less GC work",
                    0.4, null, true));
        }
        if (g1 && !deduplicating && !jvmDedup) {
            return List.of(new Recommendation("optimizer-string-deduplication", name(), Recommendation.Kind.JVM_OPTION,
                    "-XX:+UseStringDeduplication", "off", "on", "the optimizer's deduplication is off; G1 can share the"
                            + " arrays of equal template strings instead", "a smaller live set", 0.5, null, true));
        }
        return List.of();
    }
}
