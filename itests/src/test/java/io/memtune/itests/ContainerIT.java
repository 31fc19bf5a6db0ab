package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The whole bundle set of the distribution resolves and starts, and every memtune component is satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{}"));
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() throws InterruptedException {
        Workspace.await("every bundle ACTIVE, now: " + inactive(), Duration.ofSeconds(30), () -> inactive().isEmpty());
        long memtuneBundles = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("io.memtune.")).count();
        assertTrue("the memtune bundles are installed: " + memtuneBundles, memtuneBundles >= 3);
    }

    @Test
    public void everyMemtuneComponentIsSatisfied() throws InterruptedException {
        Workspace.await("memtune components satisfied, now pending: " + unsatisfied(), Duration.ofSeconds(30),
                () -> unsatisfied().isEmpty());
        Bundle[] memtune = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("io.memtune.")).toArray(Bundle[]::new);
        assertTrue("components found", scr.getComponentDescriptionDTOs(memtune).size() >= 6);
    }

    @Test
    public void everyMemtuneBundleIsNamedByItsArtifact() {
        int checked = 0;
        for (Bundle b : context.getBundles()) {
            String file = b.getLocation().substring(b.getLocation().lastIndexOf('/') + 1);
            if (file.startsWith("io.memtune.")) {
                assertEquals(file, file.substring(0, file.indexOf('-')), b.getSymbolicName());
                checked++;
            }
        }
        assertTrue("memtune bundles checked: " + checked, checked >= 7);
    }

    private List<String> inactive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                inactive.add(b.getSymbolicName() + "=" + b.getState());
            }
        }
        return inactive;
    }

    private List<String> unsatisfied() {
        Bundle[] memtune = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("io.memtune.")).toArray(Bundle[]::new);
        List<String> pending = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(memtune)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    pending.add(d.name + "=" + c.state + (c.failure == null ? "" : " " + c.failure));
                }
            }
        }
        return pending;
    }
}
