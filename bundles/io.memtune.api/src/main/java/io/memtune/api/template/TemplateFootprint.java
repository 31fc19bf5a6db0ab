package io.memtune.api.template;

import java.util.List;

/**
 * The heap the template service holds for its repository, by part, estimated object by object with the JVM's
 * default layout (compressed references) and checked against JOL and a class histogram: what each page and each
 * tenant costs beyond the template text.
 *
 * @param tenants tenants the service has seen (rendered, or found on disk by the watcher)
 * @param pages pages it has found and indexed (one key each)
 * @param files template files the watcher holds a state for
 * @param parts what it holds, by part; {@code compiled} is the compiled templates as their engine estimates them
 *     (structure shared between templates is counted at the first one)
 */
public record TemplateFootprint(long tenants, long pages, long files, List<Part> parts) {

    /** The part {@code compiled}: the engine's compiled forms. */
    public static final String COMPILED = "compiled";

    public TemplateFootprint {
        parts = List.copyOf(parts);
    }

    /** What a part grows with. */
    public enum Scale {
        /** every page (or file) has an entry */
        PAGE,
        /** every tenant (or directory) has one */
        TENANT,
        /** the distinct template content: pages shared by tenants share it */
        CONTENT,
        /** bounded by a budget of its own, whatever the tenants */
        BUDGET
    }

    /**
     * @param name e.g. {@code page-keys}, {@code tenant-index}, {@code memory-tier}, {@code disk-index},
     *     {@code file-states}, {@code directory-states}, {@code compiled}, {@code tenant-metrics}
     * @param scale what it grows with
     * @param count how many entries it has
     * @param bytes the heap they hold
     * @param what what it is, for listings
     */
    public record Part(String name, Scale scale, long count, long bytes, String what) {
    }

    /** The parts that grow with {@code scale}, summed. */
    public long bytes(Scale scale) {
        return parts.stream().filter(p -> p.scale() == scale).mapToLong(Part::bytes).sum();
    }

    /** Everything together. */
    public long bytes() {
        return parts.stream().mapToLong(Part::bytes).sum();
    }

    /** Everything but the compiled templates: what the service itself adds per page and tenant. */
    public long bookkeepingBytes() {
        return parts.stream().filter(p -> !COMPILED.equals(p.name())).mapToLong(Part::bytes).sum();
    }

    /** One part's bytes, 0 when there is no such part. */
    public long bytes(String part) {
        return parts.stream().filter(p -> p.name().equals(part)).mapToLong(Part::bytes).sum();
    }
}
