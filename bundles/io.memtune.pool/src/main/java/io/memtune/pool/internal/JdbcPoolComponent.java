package io.memtune.pool.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.codahale.metrics.Histogram;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.memtune.api.pool.PoolStatistics;
import io.memtune.pool.core.PoolHandle;
import io.memtune.pool.core.Resizing;
import io.memtune.pool.core.WaitHistogram;

/**
 * A JDBC pool on HikariCP per configuration ({@code io.memtune.pool.jdbc~<name>}), registered as a
 * {@link DataSource} service with {@code pool.name}. The driver comes as an OSGi JDBC
 * {@link DataSourceFactory} (embedded H2 by default; PostgreSQL when its driver bundle is deployed and
 * the configuration says {@code "driver.target": "(osgi.jdbc.driver.class=org.postgresql.Driver)"} with a
 * {@code url}), since {@code DriverManager} cannot see other bundles' drivers. Resized live through Hikari's
 * configuration MXBean. Borrow times, borrows and timeouts are measured here; Hikari reports the rest.
 */
@Component(service = {DataSource.class, PoolHandle.class}, configurationPid = JdbcPoolComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "pool.kind=jdbc")
@Designate(ocd = JdbcPoolComponent.Config.class, factory = true)
public final class JdbcPoolComponent implements DataSource, PoolHandle {

    static final String FACTORY_PID = "io.memtune.pool.jdbc";

    @ObjectClassDefinition(name = "memtune JDBC pool", description = "A HikariCP connection pool.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The pool's name (service property pool.name).")
        String pool_name();

        @AttributeDefinition(name = "URL", description = "The JDBC URL; empty: an in-memory H2 database named after the pool.")
        String url() default "";

        @AttributeDefinition(name = "User", description = "The database user.")
        String user() default "sa";

        @AttributeDefinition(name = "Password", description = "The database password (keep it in $[env:...]).",
                type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Least connections", description = "Kept idle at least.", min = "0")
        int min() default 2;

        @AttributeDefinition(name = "Most connections", description = "The pool's maximum (HikariCP advice: about"
                + " cores * 2 + spindles; measured waits say more).", min = "1")
        int max() default 10;

        @AttributeDefinition(name = "Connection timeout (ms)", description = "The longest a borrow waits.", min = "250")
        long connection_timeout_ms() default 2000;

        @AttributeDefinition(name = "Leak detection (ms)", description = "A connection kept longer is reported with the"
                + " borrower's stack; 0: off.", min = "0")
        long leak_detection_ms() default 60_000;

        @AttributeDefinition(name = "Scale", description = "Move the maximum between the least and the most by utilization.")
        boolean scale() default false;
    }

    private final HikariDataSource pool;
    private final String name;
    private final ScalingBand band;
    private final Histogram waits = WaitHistogram.lastMinute();
    private final AtomicLong borrows = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();

    @Activate
    public JdbcPoolComponent(Config config,
            @Reference(name = "driver", target = "(osgi.jdbc.driver.class=org.h2.Driver)") DataSourceFactory driver)
            throws SQLException {
        this.name = config.pool_name();
        Resizing.check(name, config.min(), config.max());
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL,
                config.url().isBlank() ? "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" : config.url());
        properties.setProperty(DataSourceFactory.JDBC_USER, config.user());
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(driver.createDataSource(properties));
        hikari.setMinimumIdle(config.min());
        hikari.setMaximumPoolSize(config.max());
        hikari.setConnectionTimeout(config.connection_timeout_ms());
        hikari.setLeakDetectionThreshold(config.leak_detection_ms());
        hikari.setRegisterMbeans(false);
        this.pool = new HikariDataSource(hikari);
        this.band = config.scale() ? new ScalingBand(Math.max(1, config.min()), config.max()) : null;
    }

    @Deactivate
    void stop() {
        pool.close();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolStatistics statistics() {
        var mx = pool.getHikariPoolMXBean();
        int active = mx == null ? 0 : mx.getActiveConnections();
        int idle = mx == null ? 0 : mx.getIdleConnections();
        int waiting = mx == null ? 0 : mx.getThreadsAwaitingConnection();
        var s = waits.getSnapshot();
        return new PoolStatistics(name, "jdbc", pool.getMinimumIdle(), pool.getMaximumPoolSize(), active + idle, active,
                idle, waiting, borrows.get(), timeouts.get(), 0, 0, 0, s.getMedian() / 1000.0, s.get99thPercentile() / 1000.0,
                0, 0);
    }

    @Override
    public void resize(int min, int max) {
        Resizing.check(name, min, max);
        var mx = pool.getHikariConfigMXBean();
        if (max >= mx.getMaximumPoolSize()) {
            mx.setMaximumPoolSize(max);
            mx.setMinimumIdle(min);
        } else {
            mx.setMinimumIdle(min);
            mx.setMaximumPoolSize(max);
        }
    }

    @Override
    public ScalingBand band() {
        return band;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        try {
            Connection c = pool.getConnection();
            borrows.incrementAndGet();
            waits.update(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            return c;
        } catch (SQLTransientConnectionException e) {
            timeouts.incrementAndGet(); // Hikari's "connection is not available, request timed out"
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}
