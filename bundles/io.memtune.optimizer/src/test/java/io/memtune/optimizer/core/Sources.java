package io.memtune.optimizer.core;

import java.util.Map;
import java.util.Optional;

import io.memtune.api.template.TemplateSource;

/** Template sources over maps, for tests. */
final class Sources {

    private Sources() {
    }

    /** {@code name} of {@code tenant}, its includes from {@code files}. */
    static TemplateSource of(String tenant, String name, Map<String, String> files) {
        return new TemplateSource() {
            @Override
            public String tenant() {
                return tenant;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String text() {
                return files.get(name);
            }

            @Override
            public Optional<String> include(String include) {
                return Optional.ofNullable(files.get(include));
            }
        };
    }
}
