package io.memtune.template.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;

import io.memtune.template.core.DaemonScheduler;
import io.memtune.template.core.TenantRenderTimers;

/**
 * Render time per tenant within a memory budget ({@link TenantRenderTimers}): full series for the busiest tenants,
 * the rest folded into {@code tenant=other}, idle tenants' series expired. A component of its own so that its
 * budget can change without restarting the template service; the service calls it on every render. Without the
 * registry (monitoring bundle stopped) it is not active, and renders are not timed per tenant.
 */
@Component(service = TenantMetricsComponent.class, configurationPid = TenantMetricsComponent.PID)
@Designate(ocd = TenantMetricsComponent.Config.class)
public final class TenantMetricsComponent {

    static final String PID = "io.memtune.template.metrics";

    @ObjectClassDefinition(name = "memtune per-tenant render metrics", description = "How much memory render time"
            + " per tenant may take, and when an idle tenant's series goes.")
    public @interface Config {
        @AttributeDefinition(name = "Budget (bytes)", description = "Heap for the per-tenant render series and their"
                + " bookkeeping, registry entries included (about 4 KB a tenant with a series, 40-60 KB fixed): the"
                + " busiest tenants that fit keep a series, the others are folded into tenant=other.", min = "131072")
        long tenants_budget_bytes() default 512L * 1024;

        @AttributeDefinition(name = "Idle expiry (s)", description = "A tenant's series is removed from the registry"
                + " after this long without a render (and the folded-tenant count covers one to two of these).",
                min = "30", max = "86400")
        long tenants_idle_seconds() default 300;

        @AttributeDefinition(name = "Folded tenants named", description = "How many of the busiest folded tenants"
                + " /metrics names (memtune_template_tenants_folded_renders{tenant=...}).", min = "0", max = "100")
        int tenants_folded_listed() default 10;
    }

    private final TenantRenderTimers timers;
    private final ScheduledExecutorService maintenance;

    @Activate
    public TenantMetricsComponent(@Reference MetricRegistry registry, Config config) {
        TenantRenderTimers.Settings settings = new TenantRenderTimers.Settings(config.tenants_budget_bytes(),
                Duration.ofSeconds(config.tenants_idle_seconds()), config.tenants_folded_listed());
        this.timers = new TenantRenderTimers(registry, settings, System::nanoTime);
        if (timers.estimatedBytes() >= settings.budgetBytes()) {
            LoggerFactory.getLogger(TenantMetricsComponent.class).warn("{} = {} bytes holds no tenant series (the fixed"
                    + " part takes {}): every tenant is folded into tenant=other", PID + " tenants.budget.bytes",
                    settings.budgetBytes(), timers.estimatedBytes());
        }
        this.maintenance = DaemonScheduler.single("memtune-tenant-metrics");
        long every = TenantRenderTimers.MAINTENANCE_INTERVAL.toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
    }

    /** One run of the maintenance; a failure is logged and the next run tries again (an exception would end them). */
    private void maintain() {
        try {
            timers.maintain();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(TenantMetricsComponent.class).warn("per-tenant render metrics: maintenance failed", e);
        }
    }

    @Deactivate
    void stop() {
        maintenance.shutdownNow();
        timers.close();
    }

    /** The heap the per-tenant series and their bookkeeping hold now (within the budget). */
    public long estimatedBytes() {
        return timers.estimatedBytes();
    }

    /** A successful render; see {@link TenantRenderTimers#rendered}. */
    public void rendered(String tenant, long durationNanos, long endNanos) {
        timers.rendered(tenant, durationNanos, endNanos);
    }
}
