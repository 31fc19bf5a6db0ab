package io.memtune.shell.internal;

import java.util.List;
import java.util.function.Supplier;

import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * One memtune command as Gogo runs it, except that Gogo's own failure to match the arguments to any of the
 * command's methods ({@code Cannot coerce render(Token, Token) to any of [(String, String, String)]}) becomes
 * {@link WrongArgumentsException} with the command's usage. Everything else, including the command's own
 * {@code IllegalArgumentException} for a bad value, passes unchanged.
 */
final class UsageOnWrongArguments implements Function {

    private final String scope;
    private final String function;
    private final CommandProxy command;
    private final Supplier<Class<?>> type;

    /**
     * @param command the command, invoked as Gogo invokes it
     * @param type the command object's class (looked up only when a usage is needed)
     */
    UsageOnWrongArguments(String scope, String function, CommandProxy command, Supplier<Class<?>> type) {
        this.scope = scope;
        this.function = function;
        this.command = command;
        this.type = type;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        try {
            return command.execute(session, arguments);
        } catch (IllegalArgumentException e) {
            if (!isGogoCoercionFailure(e)) {
                throw e;
            }
            throw new WrongArgumentsException("wrong arguments for " + scope + ":" + function + describe(arguments) + "\n"
                    + CommandUsage.of(scope, function, type.get()).stripTrailing());
        }
    }

    /** Gogo's Reflective says exactly this when no method of the command takes the arguments given. */
    static boolean isGogoCoercionFailure(IllegalArgumentException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Cannot coerce ") && message.contains(") to any of ");
    }

    private static String describe(List<Object> arguments) {
        if (arguments.isEmpty()) {
            return " (none given)";
        }
        StringBuilder s = new StringBuilder(" (given:");
        arguments.forEach(a -> s.append(' ').append(a));
        return s.append(')').toString();
    }
}
