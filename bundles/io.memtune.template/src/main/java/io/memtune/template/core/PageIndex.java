package io.memtune.template.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The pages the service has found, one {@link TemplateKey} each, by tenant: a map of tenants, and per tenant an array
 * of its keys sorted by name. A look-up is a map read and a binary search over the tenant's few names (no allocation);
 * adding a page copies its tenant's array (once per page: a tenant has tens of pages, not thousands). A change of a
 * tenant's file visits that tenant's pages only (every tenant's for {@code _shared}).
 *
 * <p>What it costs: a key (40 B) and a 4-byte slot a page; a tenant's entry, array header and name about 130 B
 * ({@link ServiceFootprint}). Template names are interned ({@link TemplateRepository#intern}), so the name
 * {@code page.html} of ten thousand tenants is one string.
 */
public final class PageIndex {

    /** One tenant's pages: its name (the one string every key of it shares) and its keys sorted by name. */
    static final class TenantPages {
        final String tenant;
        /** Replaced, never changed in place: readers take no lock. */
        volatile TemplateKey[] pages = new TemplateKey[0];

        TenantPages(String tenant) {
            this.tenant = tenant;
        }

        TemplateKey find(String name) {
            TemplateKey[] keys = pages;
            int i = search(keys, name);
            return i >= 0 ? keys[i] : null;
        }

        private static int search(TemplateKey[] keys, String name) {
            int low = 0;
            int high = keys.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = keys[mid].name().compareTo(name);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }

        /** Under the tenant map's lock for this tenant (as {@link #remove}): one writer at a time. */
        TemplateKey add(String name, UnaryOperator<String> intern, AtomicLong count) {
            TemplateKey[] keys = pages;
            int i = search(keys, name);
            if (i >= 0) {
                return keys[i];
            }
            count.incrementAndGet();
            int at = -(i + 1);
            TemplateKey key = new TemplateKey(tenant, intern.apply(name));
            TemplateKey[] grown = new TemplateKey[keys.length + 1];
            System.arraycopy(keys, 0, grown, 0, at);
            grown[at] = key;
            System.arraycopy(keys, at, grown, at + 1, keys.length - at);
            pages = grown;
            return key;
        }

        boolean remove(TemplateKey key) {
            TemplateKey[] keys = pages;
            int i = search(keys, key.name());
            if (i < 0 || keys[i] != key) {
                return false;
            }
            TemplateKey[] shrunk = new TemplateKey[keys.length - 1];
            System.arraycopy(keys, 0, shrunk, 0, i);
            System.arraycopy(keys, i + 1, shrunk, i, keys.length - i - 1);
            pages = shrunk;
            return true;
        }
    }

    private final ConcurrentHashMap<String, TenantPages> tenants = new ConcurrentHashMap<>();
    private final UnaryOperator<String> intern;
    private final AtomicLong pages = new AtomicLong();

    /** @param intern the one string for a template name (the repository's interner, shared with the watcher) */
    public PageIndex(UnaryOperator<String> intern) {
        this.intern = intern;
    }

    /** The page's key, or null when it has not been found yet. */
    public TemplateKey find(String tenant, String name) {
        TenantPages mine = tenants.get(tenant);
        return mine == null ? null : mine.find(name);
    }

    /** The page's key, added when missing. */
    public TemplateKey add(String tenant, String name) {
        TenantPages mine = tenants.get(tenant);
        TemplateKey key = mine == null ? null : mine.find(name);
        if (key != null) {
            return key;
        }
        // changes of a tenant's pages are made under the map's lock for it, so a tenant emptied and removed meanwhile
        // cannot swallow a page added to it
        TemplateKey[] added = new TemplateKey[1];
        tenants.compute(tenant, (t, existing) -> {
            TenantPages pagesOf = existing == null ? new TenantPages(t) : existing;
            added[0] = pagesOf.add(name, intern, pages);
            return pagesOf;
        });
        return added[0];
    }

    /** Forgets a page (its file is gone); its tenant goes with its last page. */
    public void remove(TemplateKey key) {
        tenants.computeIfPresent(key.tenant(), (t, mine) -> {
            if (mine.remove(key)) {
                pages.decrementAndGet();
            }
            return mine.pages.length == 0 ? null : mine;
        });
    }

    /** Every page a file of {@code directory} may be part of: that tenant's, or every tenant's for {@code _shared}. */
    public void forDirectory(String directory, Consumer<TemplateKey> action) {
        if (TemplateRepository.SHARED.equals(directory)) {
            for (TenantPages mine : tenants.values()) {
                Arrays.stream(mine.pages).forEach(action);
            }
            return;
        }
        TenantPages mine = tenants.get(directory);
        if (mine != null) {
            Arrays.stream(mine.pages).forEach(action);
        }
    }

    /** Every page. */
    public void forEach(Consumer<TemplateKey> action) {
        forDirectory(TemplateRepository.SHARED, action);
    }

    public long pages() {
        return pages.get();
    }

    public long tenants() {
        return tenants.size();
    }

    /** The heap it holds: keys, tenants' arrays, entries and names (template names are counted where interned). */
    long estimatedBytes() {
        long bytes = ServiceFootprint.CONCURRENT_HASH_MAP + ServiceFootprint.table(tenants.size());
        for (TenantPages mine : tenants.values()) {
            TemplateKey[] keys = mine.pages;
            bytes += ServiceFootprint.MAP_NODE + ServiceFootprint.TENANT_PAGES
                    + ServiceFootprint.array(keys.length, ServiceFootprint.REFERENCE) + ServiceFootprint.string(mine.tenant)
                    + keys.length * ServiceFootprint.KEY;
        }
        return bytes;
    }
}
