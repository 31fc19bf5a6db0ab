package io.memtune.health.internal;

import java.util.List;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.memtune.api.template.TemplateService;
import io.memtune.health.core.Tags;

/**
 * Readiness: the template service is there, and has scanned its repository (it scans before it is registered).
 * Without it /render cannot answer: not ready while the template bundle starts, stops or is updated.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=templates scanned",
        HealthCheck.TAGS + "=" + Tags.READY})
public final class TemplatesScannedCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TemplateService templates;

    @Override
    public Result execute() {
        TemplateService service = templates;
        if (service == null) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "no template service (io.memtune.template starting,"
                    + " stopping or being updated): /render cannot answer");
        }
        List<String> tenants = service.tenants();
        if (tenants.isEmpty()) {
            return new Result(Result.Status.WARN, "the template repository has no tenant: every render answers 404");
        }
        return new Result(Result.Status.OK, tenants.size() + " tenant(s) in the template repository, mode " + service.mode());
    }
}
