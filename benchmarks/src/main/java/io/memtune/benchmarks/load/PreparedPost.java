package io.memtune.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A target as the generators send it: its URI resolved and its body encoded once, so a request only adds its envelope. */
record PreparedPost(URI uri, byte[] body) {

    static List<PreparedPost> of(URI base, List<ClosedLoopLoad.Target> targets) {
        return targets.stream().map(t -> new PreparedPost(base.resolve(t.path()), t.body().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }
}
