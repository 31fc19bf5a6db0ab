package io.memtune.embedded;

/**
 * What became of one module.
 *
 * @param name the module's name
 * @param state whether it runs
 * @param reason why it does not run (null when it does)
 */
public record ModuleStatus(String name, State state, String reason) {

    public enum State {
        /** Started and running. */
        STARTED,
        /** Its start threw: the reason is the error. */
        FAILED,
        /** Not started: something it requires is missing or failed. */
        SKIPPED
    }
}
