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

    private final Cache<String, Fragment> fragments = Caffeine.newBuilder().weakValues().build();
    private final Interner<String> texts = Interner.newWeakInterner();
    private final Interner<Name> names = Interner.newWeakInterner();

    /** The fragment already compiled for this key, or null. */
    Fragment shared(String key) {
        return fragments.getIfPresent(key);
    }

    /** Offers a fragment for a key; the one kept (this, or one compiled meanwhile) is returned. */
    Fragment share(String key, Fragment fragment) {
        return fragments.asMap().merge(key, fragment, (kept, offered) -> kept);
    }

    String text(String text) {
        return texts.intern(text);
    }

    Name name(String name) {
        return names.intern(new Name(name));
    }

    long sharedFragments() {
        fragments.cleanUp();
        return fragments.estimatedSize();
    }
}
