package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.memtune.api.optimizer.Optimizer;
import io.memtune.api.optimizer.PassStatus;
import io.memtune.api.template.TemplateService;

/**
 * The third-party example (examples/third-party-optimizer), built on its own against the API: its jar dropped
 * into deploy/ becomes a bundle whose DS component joins the optimizer's pipeline; deleted, it leaves.
 * (Its own tests prove the other way: ServiceLoader finds the same class in plain Java.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThirdPartyPassIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private TemplateService templates;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container("{\n"
                + "  \"io.memtune.template\": {\"templates.root\": \"" + MemtuneOptions.WORK + "/templates\"}\n"
                + "}\n"));
    }

    private Optional<PassStatus> pass() {
        Optimizer optimizer = context.getService(context.getServiceReference(Optimizer.class));
        return optimizer.passes().stream().filter(p -> p.name().equals("drop-empty-sections")).findFirst();
    }

    @Test
    public void theExampleJarDroppedIntoDeployJoinsThePipelineAndLeavesWithIt() throws Exception {
        Workspace workspace = new Workspace(context);
        Path example = Path.of(System.getProperty("memtune.example.pass.jar"));
        assertTrue("build the example first: " + example, Files.exists(example));
        Path partial = workspace.deployFolder().resolve("third-party-optimizer.jar.part");
        Files.copy(example, partial, StandardCopyOption.REPLACE_EXISTING);
        Path jar = workspace.deployFolder().resolve("third-party-optimizer.jar");
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
        Workspace.await("the example's pass in the pipeline", TIMEOUT, () -> pass().isPresent());
        assertEquals("bundle com.example.memtune.passes", pass().orElseThrow().origin());

        workspace.write("templates/acme/empty.txt.mustache", "a{{#x}}{{/x}}b{{^y}}{{#z}}{{/z}}{{/y}}c");
        StringWriter out = new StringWriter();
        templates.render("acme", "empty.txt", Map.of("x", true), out);
        assertEquals("abc", out.toString());
        PassStatus status = pass().orElseThrow();
        assertTrue(status.toString(), status.applied() >= 1 && status.failures() == 0);

        Files.delete(jar);
        Workspace.await("the pass gone with its jar", TIMEOUT, () -> pass().isEmpty());
    }
}
