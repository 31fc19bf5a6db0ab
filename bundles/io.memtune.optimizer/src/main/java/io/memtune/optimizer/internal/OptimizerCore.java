package io.memtune.optimizer.internal;

import java.util.Set;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.memtune.api.optimizer.OptimizationPass;
import io.memtune.api.template.TemplateEngine;
import io.memtune.optimizer.core.CompactEngine;
import io.memtune.optimizer.core.CompileLedger;
import io.memtune.optimizer.core.OptimizationReporter;
import io.memtune.optimizer.core.OptimizerSettings;
import io.memtune.optimizer.core.PassPipeline;

/**
 * The optimizer's state, configured per environment: settings, the pass pipeline (with third-party passes
 * from the service registry), the engine and its ledger. Published as an internal service for the engine,
 * report and hint components; a configuration change replaces it, and with it the engine (the template
 * service then drops what the old one compiled).
 */
@Component(service = OptimizerCore.class, configurationPid = OptimizerCore.PID)
@Designate(ocd = OptimizerCore.Config.class)
public final class OptimizerCore {

    static final String PID = "io.memtune.optimizer";

    /** The template bundle's own engine: what the compact form hands over what it does not take. */
    static final String MUSTACHE_JAVA_CLASS = "io.memtune.template.core.MustacheJavaEngine";
    static final String MUSTACHE_JAVA = "(component.name=" + MUSTACHE_JAVA_CLASS + ")";

    @ObjectClassDefinition(name = "memtune template optimizer", description = "Which optimizations are on.")
    public @interface Config {
        @AttributeDefinition(name = "Compact form", description = "Render with the optimizer's compact form;"
                + " off: every template goes to Mustache.java (the optimizer only reports).")
        boolean compact() default true;

        @AttributeDefinition(name = "Structural sharing", description = "Compile partials, parents and identical pages"
                + " once by content and share them across templates and tenants.")
        boolean share() default true;

        @AttributeDefinition(name = "Deduplication", description = "Intern text segments and names across the repository.")
        boolean deduplicate() default true;

        @AttributeDefinition(name = "Context pruning", description = "Read JSON contexts keeping only the names a template"
                + " can look up.")
        boolean prune_context() default true;

        @AttributeDefinition(name = "Passes switched off", description = "Names of passes (built-in or plugins) not to run.")
        String[] passes_disabled() default {};

        @AttributeDefinition(name = "Plugin time budget (ms)", description = "How long a third-party pass may take for one"
                + " template before it is skipped for it.", min = "1")
        long plugin_budget_ms() default 2000;
    }

    private final OptimizerSettings settings;
    private final PassPipeline pipeline;
    private final CompileLedger ledger = new CompileLedger();
    private final CompactEngine engine;

    @Activate
    public OptimizerCore(Config config,
            @Reference(target = MUSTACHE_JAVA, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) TemplateEngine fallback) {
        this.settings = new OptimizerSettings(config.compact(), config.share(), config.deduplicate(), config.prune_context());
        this.pipeline = new PassPipeline(Set.of(config.passes_disabled()), config.plugin_budget_ms());
        this.engine = new CompactEngine(settings, pipeline, fallback, ledger);
    }

    @Deactivate
    void stop() {
        pipeline.close();
    }

    /** Third-party passes join the pipeline for templates compiled from now on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removePass")
    void addPass(OptimizationPass pass, ServiceReference<OptimizationPass> reference) {
        addPlugin(pass, "bundle " + reference.getBundle().getSymbolicName());
    }

    /** A pass from anywhere (the embedded mode: the class path); {@code origin} says where, in reports. */
    void addPlugin(OptimizationPass pass, String origin) {
        pipeline.addPlugin(pass, origin);
    }

    void removePass(OptimizationPass pass) {
        pipeline.removePlugin(pass);
    }

    CompactEngine engine() {
        return engine;
    }

    OptimizationReporter reporter() {
        return new OptimizationReporter(ledger, pipeline, settings);
    }

    OptimizerSettings settings() {
        return settings;
    }
}
