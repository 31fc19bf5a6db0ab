package io.memtune.template.core;

import java.util.Set;

/**
 * A tenant's page, and the one object the service keeps for it: the {@link PageIndex} holds it, the memory tier is
 * keyed by it, the disk tier's location of its sources and the address check are fields of it. Tenant and name are
 * the index's interned strings (one per tenant, one per distinct name), so a page costs this object (40 bytes with
 * compressed references, {@code PageFootprintTest}) and a slot in its tenant's array, whatever it holds.
 *
 * <p>Equal by tenant and name: a key made for a look-up finds the indexed one. The mutable fields are the cache's
 * and the renderer's bookkeeping, never part of equality.
 */
public final class TemplateKey {

    private final String tenant;
    private final String name;
    private final int hash;
    /** Where the disk tier holds its checked closure ({@link DiskTier#NONE}: nowhere). */
    volatile long disk = DiskTier.NONE;
    /** The names of its closure as last loaded (interned, shared by every page of the same design); null before. */
    volatile Set<String> names;
    /** A look at the file system found it: a render probes no file (cleared by a change of a file of its name). */
    volatile boolean found;
    /** Compiled at least once: a later compile is a reload (the memory tier had dropped it). */
    volatile boolean compiled;

    public TemplateKey(String tenant, String name) {
        this.tenant = tenant;
        this.name = name;
        this.hash = 31 * tenant.hashCode() + name.hashCode();
    }

    public String tenant() {
        return tenant;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TemplateKey k && k.hash == hash && k.tenant.equals(tenant) && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return tenant + "/" + name;
    }
}
