package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

import io.memtune.api.config.EnvironmentService;

/** The API bundle exports its versioned contracts, depends on no implementation, and is the one class space. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiIT {

    @Inject
    private BundleContext context;

    @Inject
    private EnvironmentService environments;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{}"));
    }

    private Bundle api() {
        for (Bundle b : context.getBundles()) {
            if ("io.memtune.api".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("io.memtune.api is not installed");
    }

    @Test
    public void exportsTheConfigContractAtItsVersion() {
        List<BundleCapability> exports = api().adapt(BundleWiring.class)
                .getCapabilities(BundleRevision.PACKAGE_NAMESPACE);
        BundleCapability config = exports.stream()
                .filter(c -> "io.memtune.api.config".equals(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)))
                .findFirst().orElseThrow(() -> new AssertionError("io.memtune.api.config not exported: " + exports));
        assertEquals(new Version(1, 1, 0), config.getAttributes().get("version"));
    }

    @Test
    public void importsNoImplementationLibrary() {
        String imports = api().getHeaders().get("Import-Package");
        String checked = imports == null ? "" : imports;
        assertFalse(checked, checked.contains("com.fasterxml") || checked.contains("mustache")
                || checked.contains("org.slf4j"));
    }

    @Test
    public void servicesAreSeenThroughTheApiBundlesClasses() {
        assertNotNull(environments);
        assertSame(api(), org.osgi.framework.FrameworkUtil.getBundle(EnvironmentService.class));
    }
}
