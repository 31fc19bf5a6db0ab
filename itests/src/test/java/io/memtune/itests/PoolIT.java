package io.memtune.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

import io.memtune.api.pool.HttpPool;
import io.memtune.api.pool.Lease;
import io.memtune.api.pool.ObjectPool;
import io.memtune.api.pool.PoolManager;
import io.memtune.api.pool.ResourceFactory;

/**
 * The pool bundle inside Felix: a JDBC pool on HikariCP over the embedded H2 from the environment file, an
 * HTTP pool, an object pool created by code and sized by the file, resized live by a change of the file and
 * by the shell, statistics through the service and the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PoolIT {

    private static final String ENVIRONMENT = "{\n"
            + "  \"io.memtune.pool.jdbc~main\": {\"pool.name\": \"main\", \"min\": 1, \"max\": 4},\n"
            + "  \"io.memtune.pool.http~ext\": {\"pool.name\": \"ext\", \"max.per.destination\": 2},\n"
            + "  \"io.memtune.pool.objects~strings\": {\"pool.name\": \"strings\", \"min\": 1, \"max\": 3}\n"
            + "}\n";

    @Inject
    private BundleContext context;

    @Inject
    private PoolManager pools;

    @Inject
    @Filter("(pool.name=main)")
    private DataSource main;

    @Inject
    private HttpPool http;

    @Inject
    private CommandProcessor shell;

    @Configuration
    public Option[] configuration() {
        return options(MemtuneOptions.container(ENVIRONMENT));
    }

    @Test
    public void theJdbcPoolServesTheEmbeddedDatabase() throws Exception {
        try (Connection c = main.getConnection(); ResultSet rs = c.createStatement().executeQuery("select 40 + 2")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
        assertEquals("jdbc", pools.statistics("main").orElseThrow().kind());
        assertEquals("the connection went back", 0, pools.statistics("main").orElseThrow().active());
    }

    @Test
    public void anObjectPoolTakesItsSizeFromTheFileAndFollowsItsChanges() throws Exception {
        ResourceFactory<StringBuilder> factory = StringBuilder::new;
        try (ObjectPool<StringBuilder> strings = pools.createObjectPool("strings", factory)) {
            try (Lease<StringBuilder> lease = strings.borrow()) {
                lease.get().append("x");
            }
            assertEquals(3, strings.statistics().max());
            new Workspace(context).writeEnvironment(ENVIRONMENT.replace("\"max\": 3", "\"max\": 5"));
            Workspace.await("the pool resized to 5 by the file", Duration.ofSeconds(15),
                    () -> strings.statistics().max() == 5);
            assertEquals(1, strings.statistics().borrows());
        }
        assertTrue("closed pools leave the listing", pools.statistics("strings").isEmpty());
    }

    @Test
    public void everyPoolHasGaugesInTheRegistry() throws Exception {
        com.codahale.metrics.MetricRegistry registry = context.getService(
                context.getServiceReference(com.codahale.metrics.MetricRegistry.class));
        Workspace.await("pool gauges", Duration.ofSeconds(10),
                () -> registry.getNames().contains("memtune.pool.active{pool=main}")
                        && registry.getNames().contains("memtune.pool.max{pool=ext}"));
        try (Connection c = main.getConnection()) {
            assertEquals(1.0, (Double) registry.getGauges().get("memtune.pool.active{pool=main}").getValue(), 0.0);
        }
    }

    @Test
    public void theHttpPoolSendsAndCounts() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/static/none.txt");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals(1, http.statistics().borrows());
    }

    @Test
    public void theShellListsAndResizesPools() throws Exception {
        String text = ShellCommands.run(shell, "memtune:pools", "memtune:pool-resize main 1 2", "memtune:pool main");
        assertTrue(text, text.contains("main") && text.contains("buffers") && text.contains("ext"));
        assertTrue(text, text.contains("main (jdbc): min 1, max 2"));
        assertEquals(2, pools.statistics("main").orElseThrow().max());
    }
}
