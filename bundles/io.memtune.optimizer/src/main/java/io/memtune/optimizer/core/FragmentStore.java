package io.memtune.optimizer.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Interner;

/**
 * What compiled templates share, held weakly so that a template removed (a tenant gone) frees what only it
 * used: fragments by content key (structural sharing), and interned text segments and names
 * (deduplication across the whole repository).
 */
final class FragmentStore {

    /** The longest text segment interned. */
    static final int INTERNED_TEXT_LENGTH = 64;

    /** Keyed by 128 bits of the content's SHA-256 (32 bytes, where its hex string took 104). */
    private final Cache<ContentKey, Fragment> fragments = Caffeine.newBuilder().weakValues().build();
    private final Interner<String> texts = Interner.newWeakInterner();
    private final Interner<Name> names = Interner.newWeakInterner();
    private final Interner<ContextNeeds> needs = Interner.newWeakInterner();

    /** A content key as the store holds it: the first 128 bits of the SHA-256 (a collision is no practical concern). */
    record ContentKey(long high, long low) {
        static ContentKey of(String hex) {
            return new ContentKey(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16, 32), 16));
        }
    }

    /** The fragment already compiled for this key (a SHA-256 in hex), or null. */
    Fragment shared(String key) {
        return fragments.getIfPresent(ContentKey.of(key));
    }

    /** Offers a fragment for a key; the one kept (this, or one compiled meanwhile) is returned. */
    Fragment share(String key, Fragment fragment) {
        return fragments.asMap().merge(ContentKey.of(key), fragment, (kept, offered) -> kept);
    }

    /**
     * Short segments are interned: markup and words that recur across templates and tenants. A long one is
     * most likely a template's own text (identical long text comes shared with its fragment), and interning
     * it would only add the interner's entry (about 80 bytes) to it.
     */
    String text(String text) {
        return text.length() <= INTERNED_TEXT_LENGTH ? texts.intern(text) : text;
    }

    Name name(String name) {
        return names.intern(new Name(name));
    }

    /** Templates of the same design need the same names: one set for all of them. */
    ContextNeeds needs(ContextNeeds of) {
        return of == null ? null : needs.intern(of);
    }

    long sharedFragments() {
        fragments.cleanUp();
        return fragments.estimatedSize();
    }
}
