package io.memtune.embedded.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.memtune.api.embedded.EmbeddedModule;

/**
 * The start order: every provider of a type before the modules that require or use it (a start-level order
 * derived from the declarations, so a new module needs no number). Among modules free to start, names decide,
 * so that the order is the same on every run. Modules caught in a cycle are reported, not started.
 */
public final class ModuleOrder {

    /** The order, and the modules that could not be placed with the reason. */
    public record Result(List<EmbeddedModule> order, Map<EmbeddedModule, String> unplaced) {
    }

    private ModuleOrder() {
    }

    public static Result of(List<EmbeddedModule> modules) {
        Map<EmbeddedModule, Set<EmbeddedModule>> before = new LinkedHashMap<>();
        for (EmbeddedModule m : modules) {
            Set<EmbeddedModule> providers = new LinkedHashSet<>();
            Set<Class<?>> needed = new LinkedHashSet<>(m.requires());
            needed.addAll(m.uses());
            for (EmbeddedModule other : modules) {
                if (other != m && needed.stream().anyMatch(other.provides()::contains)) {
                    providers.add(other);
                }
            }
            before.put(m, providers);
        }
        List<EmbeddedModule> order = new ArrayList<>();
        TreeSet<EmbeddedModule> ready = new TreeSet<>(Comparator.comparing(EmbeddedModule::name)
                .thenComparing(m -> m.getClass().getName()));
        Set<EmbeddedModule> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            ready.clear();
            for (EmbeddedModule m : modules) {
                if (!placed.contains(m) && placed.containsAll(before.get(m))) {
                    ready.add(m);
                }
            }
            if (!ready.isEmpty()) {
                EmbeddedModule next = ready.first(); // one at a time: a name-ordered topological sort
                order.add(next);
                placed.add(next);
                progress = true;
            }
        }
        Map<EmbeddedModule, String> unplaced = new LinkedHashMap<>();
        for (EmbeddedModule m : modules) {
            if (!placed.contains(m)) {
                List<String> waiting = before.get(m).stream().filter(p -> !placed.contains(p)).map(EmbeddedModule::name).toList();
                unplaced.put(m, "in a dependency cycle with " + waiting);
            }
        }
        return new Result(order, unplaced);
    }
}
