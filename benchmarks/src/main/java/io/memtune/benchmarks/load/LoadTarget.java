package io.memtune.benchmarks.load;

import java.nio.file.Path;

/** One request of a saturation corpus: {@code POST path} with the JSON of {@code body}. */
record LoadTarget(String path, Path body) {
}
