package io.memtune.config.core;

import java.util.List;

import io.memtune.api.config.Problem;

/**
 * What parsing produced: the document (null when the file is not valid JSON) and the problems found.
 */
public record ParseResult(ConfigDocument document, List<Problem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }
}
