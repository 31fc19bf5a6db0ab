package io.memtune.api.optimizer;

import java.util.Set;

/**
 * Variable analysis of one template against a sample context.
 *
 * @param tenant the tenant
 * @param template the template
 * @param reads every name segment the template (with its partials and parent) can look up; empty when it
 *     prints {@code {{.}}} and so can read anything
 * @param unused paths of the sample ({@code user.address.zip}, list elements not indexed) that the
 *     template can never read: data sent for nothing, and skipped by the optimizer's JSON reading
 * @param missing names the template reads that appear nowhere in the sample: they render as nothing
 */
public record VariableReport(String tenant, String template, Set<String> reads, Set<String> unused, Set<String> missing) {

    public VariableReport {
        reads = Set.copyOf(reads);
        unused = Set.copyOf(unused);
        missing = Set.copyOf(missing);
    }
}
