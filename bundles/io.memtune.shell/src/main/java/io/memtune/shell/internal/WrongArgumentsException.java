package io.memtune.shell.internal;

/**
 * A memtune command called with arguments none of its forms takes; the message is the command's usage.
 * {@link #toString()} is the message alone because the interactive console prints {@code e.toString()}.
 */
final class WrongArgumentsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    WrongArgumentsException(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
