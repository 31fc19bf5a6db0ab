package io.memtune.health.core;

import org.osgi.framework.Bundle;

/** Whether the framework has started, from its state and start level: the words readiness answers with. */
public final class StartLevels {

    private StartLevels() {
    }

    /** Started: the system bundle active at (or above) the start level it starts to. */
    public static boolean started(int systemState, int level, int target) {
        return systemState == Bundle.ACTIVE && level >= target;
    }

    public static String describe(int systemState, int level, int target) {
        if (systemState == Bundle.STOPPING) {
            return "the framework is stopping (start level " + level + ")";
        }
        if (!started(systemState, level, target)) {
            return "the framework is starting: start level " + level + " of " + target;
        }
        return "start level " + level + " reached";
    }

    /** A start level property's value; {@code otherwise} when absent or not a number. */
    public static int parse(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
