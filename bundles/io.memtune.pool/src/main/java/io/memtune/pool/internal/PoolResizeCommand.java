package io.memtune.pool.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.memtune.api.pool.PoolManager;

/** {@code memtune:pool-resize <name> <min> <max>} (a hyphenated command: its own component, see config). */
@Component(service = PoolResizeCommand.class, property = {
        "osgi.command.scope=memtune",
        "osgi.command.function=pool-resize" })
public final class PoolResizeCommand {

    private final PoolManager pools;

    @Activate
    public PoolResizeCommand(@Reference PoolManager pools) {
        this.pools = pools;
    }

    @Descriptor("resizes a pool live (a runtime change: the environment file's value returns when it changes)")
    public String _main(@Descriptor("the command's name (given by the shell)") String command,
            @Descriptor("the pool's name") String name,
            @Descriptor("the least objects (buffer pools: ignored)") int min,
            @Descriptor("the most objects (buffer pools: bytes kept)") int max) {
        pools.resize(name, min, max);
        return "pool '" + name + "' resized to " + min + ".." + max;
    }
}
