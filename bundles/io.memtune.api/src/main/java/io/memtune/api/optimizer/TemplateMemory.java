package io.memtune.api.optimizer;

/**
 * The heap one template costs.
 *
 * @param tenant its tenant
 * @param template its name
 * @param sourceBytes its text and the texts it includes, each once: the floor no engine can go under
 * @param baselineBytes what Mustache.java retains for it, estimated (partials compiled once per template)
 * @param optimizedBytes what the optimizer's form retains for it alone, counting structure shared with
 *     other templates once, at the first template that reached it; with its own entry (its compiled holder and the
 *     report's reference to it, about 70 bytes), which a page whose design others share costs all the same
 */
public record TemplateMemory(String tenant, String template, long sourceBytes, long baselineBytes, long optimizedBytes) {
}
