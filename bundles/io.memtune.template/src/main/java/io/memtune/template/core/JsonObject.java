package io.memtune.template.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object of a render context: its members in order, in two arrays. Behaves as the {@link java.util.LinkedHashMap}
 * Jackson builds for it (members in the order read; a name read twice keeps its first place and its last value; null
 * values; {@code toString}, {@code equals} and {@code hashCode} of any map), at a fraction of the cost: a
 * {@code LinkedHashMap} of three members is a 16-slot table and three 40-byte nodes (256 bytes), this is about 90,
 * and on a list of 300 small objects, building and reading those maps was a fifth of a request's CPU.
 *
 * <p>A look-up scans the names, which for an object of a few members is cheaper than hashing: Jackson interns the
 * names it reads, and so do the templates, so the scan mostly compares references. From {@value #SCAN_LIMIT} members
 * on, an index of their hashes (open addressing) finds them instead. Not thread-safe: one render reads it.
 */
public final class JsonObject extends AbstractMap<String, Object> {

    /** Up to this many members, a look-up scans; beyond, it goes through {@link #index}. */
    static final int SCAN_LIMIT = 8;

    private String[] names;
    private Object[] values;
    private int size;
    /** Position + 1 of each name, by its hash (linear probing; 0 is empty); null while the object is small. */
    private int[] index;

    public JsonObject() {
        this(4);
    }

    JsonObject(int capacity) {
        names = new String[Math.max(1, capacity)];
        values = new Object[names.length];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        return position(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int at = position(name);
        return at < 0 ? null : values[at];
    }

    /** One look-up where {@code get} then {@code containsKey} would take two (the engine tells a null from a miss). */
    @Override
    public Object getOrDefault(Object name, Object defaultValue) {
        int at = position(name);
        return at < 0 ? defaultValue : values[at];
    }

    @Override
    public Object put(String name, Object value) {
        if (name == null) {
            throw new NullPointerException("a JSON member has a name");
        }
        int at = position(name);
        if (at >= 0) {
            Object old = values[at];
            values[at] = value;
            return old;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        if (index != null || size > SCAN_LIMIT) {
            if (index == null || size * 2 > index.length) {
                reindex();
            } else {
                insert(index, name, size - 1);
            }
        }
        return null;
    }

    @Override
    public Object remove(Object name) {
        int at = position(name);
        if (at < 0) {
            return null;
        }
        Object old = values[at];
        removeAt(at);
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new Entries();
    }

    private int position(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        if (index == null) {
            // one pass: a reference that matches, else a hash that matches before any characters are compared (a
            // miss, which a look-up through the scopes of a section meets at every scope but one, compares no text)
            int hash = name.hashCode();
            for (int i = 0; i < size; i++) {
                String member = names[i];
                if (member == name || (member.hashCode() == hash && member.equals(name))) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = spread(name.hashCode()) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (name.equals(names[at])) {
                return at;
            }
        }
        return -1;
    }

    private void removeAt(int at) {
        int moved = size - at - 1;
        System.arraycopy(names, at + 1, names, at, moved);
        System.arraycopy(values, at + 1, values, at, moved);
        size--;
        names[size] = null;
        values[size] = null;
        if (index != null) {
            reindex(); // positions after it moved: rare (a context is read, not edited)
        }
    }

    private void reindex() {
        if (size <= SCAN_LIMIT) {
            index = null;
            return;
        }
        int capacity = 16;
        while (capacity < size * 4) { // at most half full until the next reindex
            capacity <<= 1;
        }
        int[] table = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(table, names[i], i);
        }
        index = table;
    }

    private static void insert(int[] table, String name, int at) {
        int mask = table.length - 1;
        int slot = spread(name.hashCode()) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = at + 1;
    }

    /** Names of a JSON object often differ in their last characters only: their hashes' high bits count too. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The members in order; an entry's value can be set, and the iterator can remove. */
    private final class Entries extends AbstractSet<Map.Entry<String, Object>> {

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new Iterator<>() {
                private int next;
                private int last = -1;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    last = next++;
                    return new Member(last);
                }

                @Override
                public void remove() {
                    if (last < 0) {
                        throw new IllegalStateException("next() first");
                    }
                    removeAt(last);
                    next = last;
                    last = -1;
                }
            };
        }
    }

    /** A member at a position, its value read and written through. */
    private final class Member implements Map.Entry<String, Object> {

        private final int at;

        Member(int at) {
            this.at = at;
        }

        @Override
        public String getKey() {
            return names[at];
        }

        @Override
        public Object getValue() {
            return values[at];
        }

        @Override
        public Object setValue(Object value) {
            Object old = values[at];
            values[at] = value;
            return old;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Map.Entry<?, ?> e && getKey().equals(e.getKey())
                    && (getValue() == null ? e.getValue() == null : getValue().equals(e.getValue()));
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ (getValue() == null ? 0 : getValue().hashCode());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
