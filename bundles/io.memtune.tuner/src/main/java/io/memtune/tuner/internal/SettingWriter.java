package io.memtune.tuner.internal;

import java.io.IOException;

/** Where the tuner writes an applied setting and its rollback: Config Admin in the container. */
@FunctionalInterface
interface SettingWriter {

    /**
     * Changes one setting live.
     *
     * @param setting {@code <pid>/<key>}
     * @param value the new value, as text (typed like the value it replaces)
     */
    void set(String setting, String value) throws IOException;
}
