package io.memtune.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.memtune.api.embedded.EmbeddedContext;
import io.memtune.api.embedded.EmbeddedModule;

class ModuleOrderTest {

    record Module(String name, Set<Class<?>> provides, Set<Class<?>> requires, Set<Class<?>> uses) implements EmbeddedModule {
        @Override
        public void start(EmbeddedContext context) {
        }
    }

    interface Engine {
    }

    interface Templates {
    }

    interface Registry {
    }

    @Test
    void startsProvidersBeforeTheModulesThatRequireOrUseThem() {
        Module templates = new Module("a-templates", Set.of(Templates.class), Set.of(), Set.of(Engine.class, Registry.class));
        Module optimizer = new Module("b-optimizer", Set.of(Engine.class), Set.of(), Set.of(Engine.class));
        Module engine = new Module("c-engine", Set.of(Engine.class), Set.of(), Set.of());
        Module metrics = new Module("d-metrics", Set.of(Registry.class), Set.of(), Set.of());
        ModuleOrder.Result r = ModuleOrder.of(List.of(templates, optimizer, engine, metrics));
        assertEquals(List.of("c-engine", "b-optimizer", "d-metrics", "a-templates"),
                r.order().stream().map(EmbeddedModule::name).toList());
        assertTrue(r.unplaced().isEmpty());
    }

    @Test
    void modulesInACycleAreReportedNotStarted() {
        Module a = new Module("a", Set.of(Engine.class), Set.of(Templates.class), Set.of());
        Module b = new Module("b", Set.of(Templates.class), Set.of(Engine.class), Set.of());
        Module free = new Module("free", Set.of(Registry.class), Set.of(), Set.of());
        ModuleOrder.Result r = ModuleOrder.of(List.of(a, b, free));
        assertEquals(List.of("free"), r.order().stream().map(EmbeddedModule::name).toList());
        assertEquals("in a dependency cycle with [b]", r.unplaced().get(a));
    }
}
