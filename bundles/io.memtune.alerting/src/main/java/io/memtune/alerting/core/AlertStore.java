package io.memtune.alerting.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * The alert states on disk ({@code data/alerts/state.json}), written atomically after each change, read at
 * start: a firing alert stays firing across a restart of the bundle or the container.
 */
public final class AlertStore {

    private final Path file;
    /**
     * With a type cache of its own: Jackson's shared default one would keep {@code AlertRecord}, and with it this bundle's
     * class loader, after the bundle is updated (a leak the profiler's leak check found).
     */
    private final ObjectMapper json = JsonMapper.builder()
            .typeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<Object, JavaType>(16, 64))).build();

    public AlertStore(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("state.json");
    }

    public List<AlertRecord> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), new TypeReference<List<AlertRecord>>() { });
        } catch (IOException e) {
            return List.of(); // unreadable: start afresh rather than not at all
        }
    }

    public void save(Collection<AlertRecord> records) throws IOException {
        Path temp = file.resolveSibling("state.json.tmp");
        json.writeValue(temp.toFile(), records);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
