package io.memtune.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code memtune:} command, from whichever bundle, answers arguments that fit none of its forms with its
 * usage (from its {@code @Descriptor}s) instead of Gogo's coercion message, in the console and in
 * {@code bin/memtune client} alike, without each command doing it.
 *
 * <p>How: Gogo keeps, for each {@code scope:function}, the commands registered under it and runs the one of highest
 * ranking. For each memtune command service this adds, one ranking above it, a {@link UsageOnWrongArguments} that
 * runs the same service as Gogo would and rewrites only Gogo's coercion failure. The wrappers are given to Gogo's
 * processor directly, not registered as services, so {@code help} (which reads the command services) still shows
 * the command's own methods. Without Gogo's runtime implementation (another shell), nothing is added and commands
 * keep Gogo's message.
 */
@Component(service = {}, immediate = true)
public final class CommandUsageInstaller {

    static final String SCOPE = "memtune";
    private static final Logger LOG = LoggerFactory.getLogger(CommandUsageInstaller.class);

    private final CommandProcessorImpl processor;
    private final ServiceTracker<Object, List<UsageOnWrongArguments>> commands;

    @Activate
    public CommandUsageInstaller(BundleContext context, @Reference CommandProcessor shell) throws InvalidSyntaxException {
        if (!(shell instanceof CommandProcessorImpl)) {
            LOG.info("the command processor is not Gogo's runtime ({}): commands keep its own argument errors", shell.getClass());
            this.processor = null;
            this.commands = null;
            return;
        }
        this.processor = (CommandProcessorImpl) shell;
        this.commands = new ServiceTracker<>(context, context.createFilter("(&(" + CommandProcessor.COMMAND_SCOPE + "="
                + SCOPE + ")(" + CommandProcessor.COMMAND_FUNCTION + "=*))"), null) {
            @Override
            public List<UsageOnWrongArguments> addingService(ServiceReference<Object> reference) {
                return install(context, reference);
            }

            @Override
            public void removedService(ServiceReference<Object> reference, List<UsageOnWrongArguments> wrappers) {
                wrappers.forEach(w -> processor.removeCommand(w));
            }
        };
        commands.open(true);
    }

    @Deactivate
    void stop() {
        if (commands != null) {
            commands.close(); // removes every wrapper
        }
    }

    private List<UsageOnWrongArguments> install(BundleContext context, ServiceReference<Object> reference) {
        int ranking = reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        List<UsageOnWrongArguments> wrappers = new ArrayList<>();
        for (String function : functions(reference.getProperty(CommandProcessor.COMMAND_FUNCTION))) {
            UsageOnWrongArguments wrapper = new UsageOnWrongArguments(SCOPE, function, new CommandProxy(context, reference,
                    function), () -> typeOf(context, reference));
            processor.addCommand(SCOPE, wrapper, function, ranking == Integer.MAX_VALUE ? ranking : ranking + 1);
            wrappers.add(wrapper);
        }
        return wrappers;
    }

    private static Class<?> typeOf(BundleContext context, ServiceReference<Object> reference) {
        Object service = context.getService(reference);
        try {
            return service == null ? Object.class : service.getClass();
        } finally {
            context.ungetService(reference);
        }
    }

    private static List<String> functions(Object property) {
        if (property instanceof String[] many) {
            return List.of(many);
        }
        return property == null ? List.of() : List.of(property.toString());
    }
}
