package io.memtune.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;
import io.memtune.embedded.ModuleStatus.State;

class MemtuneTest {

    static final List<String> EVENTS = new ArrayList<>();

    public interface Greeting {
        String text();
    }

    public interface Shout {
    }

    public static final class Provider implements EmbeddedModule {
        public String name() {
            return "provider";
        }

        public Set<Class<?>> provides() {
            return Set.of(Greeting.class);
        }

        public void start(EmbeddedContext context) {
            context.register(Greeting.class, () -> "hello");
            EVENTS.add("start provider");
        }

        public void stop() {
            EVENTS.add("stop provider");
        }
    }

    public static final class Consumer implements EmbeddedModule {
        public String name() {
            return "consumer";
        }

        public Set<Class<?>> provides() {
            return Set.of();
        }

        public Set<Class<?>> requires() {
            return Set.of(Greeting.class);
        }

        public void start(EmbeddedContext context) {
            EVENTS.add("start consumer: " + context.service(Greeting.class).text());
        }

        public void stop() {
            EVENTS.add("stop consumer");
        }
    }

    public static final class Broken implements EmbeddedModule {
        public String name() {
            return "broken";
        }

        public Set<Class<?>> provides() {
            return Set.of(Shout.class);
        }

        public void start(EmbeddedContext context) {
            throw new IllegalStateException("cannot open the shout file");
        }
    }

    public static final class NeedsBroken implements EmbeddedModule {
        public String name() {
            return "needs-broken";
        }

        public Set<Class<?>> provides() {
            return Set.of();
        }

        public Set<Class<?>> requires() {
            return Set.of(Shout.class);
        }

        public void start(EmbeddedContext context) {
            EVENTS.add("start needs-broken");
        }
    }

    /** A class loader whose META-INF/services lists the given modules, over this test's classes. */
    static ClassLoader listing(Path dir, Class<?>... modules) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder lines = new StringBuilder();
        for (Class<?> m : modules) {
            lines.append(m.getName()).append('\n');
        }
        Files.writeString(services.resolve(EmbeddedModule.class.getName()), lines);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, MemtuneTest.class.getClassLoader());
    }

    @Test
    void startsModulesInDependencyOrderAndStopsThemInReverse(@TempDir Path dir) throws IOException {
        EVENTS.clear();
        try (Memtune memtune = Memtune.start(Map.of("memtune.home", dir.toString()),
                listing(dir.resolve("cp"), Consumer.class, Provider.class))) {
            assertEquals("hello", memtune.service(Greeting.class).text());
            assertEquals(List.of("provider", "consumer"), memtune.modules().stream().map(ModuleStatus::name).toList());
        }
        assertEquals(List.of("start provider", "start consumer: hello", "stop consumer", "stop provider"), EVENTS);
    }

    @Test
    void aFailingModuleIsReportedAndWhatRequiresItIsSkippedWhileTheRestRuns(@TempDir Path dir) throws IOException {
        EVENTS.clear();
        try (Memtune memtune = Memtune.start(Map.of("memtune.home", dir.toString()),
                listing(dir.resolve("cp"), Broken.class, NeedsBroken.class, Provider.class))) {
            Map<String, ModuleStatus> byName = new java.util.HashMap<>();
            memtune.modules().forEach(s -> byName.put(s.name(), s));
            assertEquals(State.FAILED, byName.get("broken").state());
            assertTrue(byName.get("broken").reason().contains("cannot open the shout file"));
            assertEquals(State.SKIPPED, byName.get("needs-broken").state());
            assertTrue(byName.get("needs-broken").reason().contains(Shout.class.getName()));
            assertEquals(State.STARTED, byName.get("provider").state());
        }
        assertEquals(List.of("start provider", "stop provider"), EVENTS);
    }
}
