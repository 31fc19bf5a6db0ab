package io.memtune.profiler.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A component configuration as DS hands it over: every attribute its default, but those a test sets. */
final class Configs {

    private Configs() {
    }

    /** @param values attribute values by method name, e.g. {@code budget_bytes} */
    static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            Object value = values.get(method.getName());
            if (value == null && method.getDefaultValue() == null) {
                throw new IllegalArgumentException(method.getName() + " has no default: set it");
            }
            return value != null ? value : method.getDefaultValue();
        }));
    }
}
