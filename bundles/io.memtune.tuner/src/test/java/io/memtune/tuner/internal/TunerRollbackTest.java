package io.memtune.tuner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.memtune.api.tuner.Recommendation;
import io.memtune.api.tuner.Tuner;
import io.memtune.api.tuner.TuningContext;
import io.memtune.api.tuner.TuningRule;

/** The operator's rollback of a change the tuner applied live. */
class TunerRollbackTest {

    private static final String ID = "test-rule:pool-size";

    /** A rule that always recommends one live change (a real rule would not: this is the test's). */
    private static final TuningRule RULE = new TuningRule() {
        @Override
        public String name() {
            return "test-rule";
        }

        @Override
        public List<Recommendation> evaluate(TuningContext context) {
            return List.of(new Recommendation(ID, "test-rule", Recommendation.Kind.LIVE_CONFIGURATION, "io.memtune.pool/size",
                    "8", "16", "the pool waits", "fewer waits", 0.9, null, true));
        }
    };

    /** Every write, as {@code setting=value}. */
    private final List<String> writes = new ArrayList<>();
    private final List<TunerComponent> started = new ArrayList<>();

    private TunerComponent tuner(SettingWriter settings) {
        TunerComponent.Config config = (TunerComponent.Config) Proxy.newProxyInstance(TunerComponent.Config.class.getClassLoader(),
                new Class<?>[] {TunerComponent.Config.class}, (proxy, method, args) -> method.getDefaultValue());
        TunerComponent tuner = new TunerComponent(config, k -> null, settings, Set.of());
        tuner.thirdPartyRules.add(RULE);
        started.add(tuner);
        return tuner;
    }

    private TunerComponent tuner() {
        return tuner((setting, value) -> writes.add(setting + "=" + value));
    }

    @AfterEach
    void stop() {
        started.forEach(TunerComponent::stop);
    }

    @Test
    void rollingBackAnAppliedChangeWritesTheValueFromBeforeAndRecordsIt() {
        TunerComponent tuner = tuner();
        tuner.apply(List.of(ID));
        Tuner.Change change = tuner.rollback(ID);
        assertEquals(List.of("io.memtune.pool/size=16", "io.memtune.pool/size=8"), writes);
        assertEquals("rolled back: by the operator", change.outcome());
        assertEquals(List.of("applied", "rolled back: by the operator"),
                tuner.history().stream().map(Tuner.Change::outcome).toList());
    }

    @Test
    void aChangeNotInForceCannotBeRolledBack() {
        TunerComponent tuner = tuner();
        IllegalArgumentException never = assertThrows(IllegalArgumentException.class, () -> tuner.rollback(ID));
        assertTrue(never.getMessage().contains(ID), never.getMessage());
        tuner.apply(List.of(ID));
        tuner.rollback(ID);
        assertThrows(IllegalArgumentException.class, () -> tuner.rollback(ID), "already rolled back");
        assertEquals(2, writes.size(), "nothing written by the refused rollbacks");
    }

    @Test
    void aSettingThatCannotBeWrittenBackIsAnIllegalStateNamingIt() {
        TunerComponent tuner = tuner((setting, value) -> {
            if (value.equals("8")) {
                throw new IOException("Config Admin is gone");
            }
        });
        tuner.apply(List.of(ID));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tuner.rollback(ID));
        assertTrue(e.getMessage().contains("io.memtune.pool/size") && e.getMessage().contains("Config Admin is gone"),
                e.getMessage());
    }
}
