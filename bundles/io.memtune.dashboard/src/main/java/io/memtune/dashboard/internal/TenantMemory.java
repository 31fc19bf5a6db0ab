package io.memtune.dashboard.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.memtune.api.optimizer.TemplateMemory;
import io.memtune.api.template.TemplateInfo;

/**
 * The heap templates take, by tenant: the optimizer's per-template figures summed per tenant (what Mustache.java
 * would keep, what the optimizer keeps, the difference saved), largest first, the tenants beyond the top N summed
 * in one row. Without the optimizer, the template service's own estimates (nothing saved to show).
 *
 * @param tenant the tenant, or {@code N other tenants} for the row of the rest
 * @param templates compiled templates
 * @param sourceBytes their texts, each once
 * @param baselineBytes Mustache.java's estimate
 * @param optimizedBytes what is kept now
 * @param savedBytes baseline minus optimized; -1 when not known (no optimizer)
 */
record TenantMemory(String tenant, long templates, long sourceBytes, long baselineBytes, long optimizedBytes, long savedBytes) {

    /** From the optimizer's figures. */
    static List<TenantMemory> fromOptimizer(List<TemplateMemory> all, int top) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (TemplateMemory t : all) {
            long[] s = sums.computeIfAbsent(t.tenant(), k -> new long[4]);
            s[0]++;
            s[1] += t.sourceBytes();
            s[2] += t.baselineBytes();
            s[3] += t.optimizedBytes();
        }
        List<TenantMemory> rows = new ArrayList<>();
        sums.forEach((tenant, s) -> rows.add(new TenantMemory(tenant, s[0], s[1], s[2], s[3], s[2] - s[3])));
        return topAndRest(rows, top, true);
    }

    /** From the template service's estimates (the optimizer is away): nothing saved known. */
    static List<TenantMemory> fromTemplates(List<TemplateInfo> all, int top) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (TemplateInfo t : all) {
            if (t.estimatedBytes() <= 0) {
                continue; // not compiled now
            }
            long[] s = sums.computeIfAbsent(t.tenant(), k -> new long[3]);
            s[0]++;
            s[1] += t.sourceBytes();
            s[2] += t.estimatedBytes();
        }
        List<TenantMemory> rows = new ArrayList<>();
        sums.forEach((tenant, s) -> rows.add(new TenantMemory(tenant, s[0], s[1], s[2], s[2], -1)));
        return topAndRest(rows, top, false);
    }

    private static List<TenantMemory> topAndRest(List<TenantMemory> rows, int top, boolean savingsKnown) {
        rows.sort(Comparator.comparingLong(TenantMemory::optimizedBytes).reversed().thenComparing(TenantMemory::tenant));
        if (rows.size() <= top) {
            return rows;
        }
        List<TenantMemory> out = new ArrayList<>(rows.subList(0, top));
        List<TenantMemory> rest = rows.subList(top, rows.size());
        long baseline = rest.stream().mapToLong(TenantMemory::baselineBytes).sum();
        long optimized = rest.stream().mapToLong(TenantMemory::optimizedBytes).sum();
        out.add(new TenantMemory(rest.size() + " other tenants", rest.stream().mapToLong(TenantMemory::templates).sum(),
                rest.stream().mapToLong(TenantMemory::sourceBytes).sum(), baseline, optimized,
                savingsKnown ? baseline - optimized : -1));
        return out;
    }
}
