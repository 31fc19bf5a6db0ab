package io.memtune.shell.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of a bundle at a time: of the bundles with one symbolic name, only the first installed (the lowest
 * id) may resolve; another version (a plugin dropped into deploy/ next to its older jar, a new version of a
 * container bundle) stays INSTALLED and {@code memtune:deploy} says why. Side by side, both would run: two copies
 * of each component on one configuration PID, each service registered twice.
 * <p>
 * The framework cannot do this itself: {@code org.osgi.framework.bsnversion=single} refuses only the same name
 * <em>and</em> version, and FileInstall never installs those twice anyway (it updates the installed bundle). A
 * resolver hook keeps the second version installed but idle, so when the first goes (its file deleted), FileInstall's
 * next start attempt brings the other up by itself.
 */
@Component(service = ResolverHookFactory.class, immediate = true)
public final class OneVersionPerBundle implements ResolverHookFactory {

    private static final Logger LOG = LoggerFactory.getLogger(OneVersionPerBundle.class);

    private final BundleContext context;

    /**
     * Bundles resolved before the hook existed are refreshed, so that the rule decides for them too: FileInstall
     * installs deploy/ at start level 2, and some of its bundles get resolved before this bundle starts (level 5);
     * or this bundle was updated while a second version came in.
     */
    @Activate
    public OneVersionPerBundle(BundleContext context) {
        this.context = context;
        List<Bundle> installed = List.of(systemContext().getBundles());
        List<Bundle> resolvedTooEarly = installed.stream()
                .filter(b -> (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0)
                .filter(b -> installedBefore(b, installed, Bundle::getBundleId, Bundle::getSymbolicName).isPresent())
                .toList();
        if (!resolvedTooEarly.isEmpty()) {
            LOG.warn("one version of a bundle at a time: refreshing {}, resolved beside an earlier version of the same"
                    + " bundle before this rule was in force; only the first installed runs (memtune:deploy)",
                    resolvedTooEarly.stream().map(b -> b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId()
                            + "]").toList());
            systemContext().getBundle().adapt(FrameworkWiring.class).refreshBundles(resolvedTooEarly);
        }
    }

    /** The system bundle's context: every bundle, whatever a find hook hides from ours. */
    private BundleContext systemContext() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getBundleContext();
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                Collection<Bundle> installed = List.of(systemContext().getBundles());
                candidates.removeIf(r -> installedBefore(r.getBundle(), installed, Bundle::getBundleId,
                        Bundle::getSymbolicName).isPresent());
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> candidates) {
                // singletons already resolve one at a time
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                // wiring is not our business
            }

            @Override
            public void end() {
                // nothing held
            }
        };
    }

    /**
     * The rule, for the hook and for the report alike: the bundle of the same symbolic name installed before
     * {@code bundle}, which runs instead of it; empty when {@code bundle} is the first of its name.
     */
    static <B> Optional<B> installedBefore(B bundle, Collection<B> installed, ToLongFunction<B> id,
            Function<B, String> symbolicName) {
        String name = symbolicName.apply(bundle);
        if (name == null) {
            return Optional.empty();
        }
        long own = id.applyAsLong(bundle);
        return installed.stream()
                .filter(b -> id.applyAsLong(b) < own && name.equals(symbolicName.apply(b)))
                .min(Comparator.comparingLong(id));
    }
}
