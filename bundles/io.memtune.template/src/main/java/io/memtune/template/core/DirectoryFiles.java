package io.memtune.template.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The template files of one directory of the repository (a tenant or {@code _shared}) as seen at one time: their
 * names relative to it without {@code .mustache} (interned, sorted), and size and modification time side by side in
 * one {@code long[]}. About 20 bytes a file and 70 a directory: the watcher holds one of these per directory instead
 * of a {@code Path} and a state object per file (150 bytes and more a file).
 */
final class DirectoryFiles {

    static final DirectoryFiles EMPTY = new DirectoryFiles(new String[0], new long[0]);

    private final String[] names;
    /** size of file i at {@code 2 i}, its modification time (ms) at {@code 2 i + 1}. */
    private final long[] states;

    private DirectoryFiles(String[] names, long[] states) {
        this.names = names;
        this.states = states;
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    long length(int i) {
        return states[2 * i];
    }

    long modified(int i) {
        return states[2 * i + 1];
    }

    /** The file's index, or a negative number when it is not there. */
    int indexOf(String name) {
        return Arrays.binarySearch(names, name);
    }

    boolean sameState(int i, DirectoryFiles other, int j) {
        return length(i) == other.length(j) && modified(i) == other.modified(j);
    }

    /** The heap this holds, with the layout of {@link ServiceFootprint} (names are counted where they are interned). */
    long estimatedBytes() {
        return ServiceFootprint.DIRECTORY_FILES + ServiceFootprint.array(names.length, ServiceFootprint.REFERENCE)
                + ServiceFootprint.array(states.length, 8);
    }

    /** Collects files in any order, then sorts them by name. */
    static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<long[]> states = new ArrayList<>();

        Builder add(String name, long size, long modified) {
            names.add(name);
            states.add(new long[] {size, modified});
            return this;
        }

        DirectoryFiles build() {
            if (names.isEmpty()) {
                return EMPTY;
            }
            Integer[] order = new Integer[names.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String[] sortedNames = new String[order.length];
            long[] sortedStates = new long[2 * order.length];
            for (int i = 0; i < order.length; i++) {
                sortedNames[i] = names.get(order[i]);
                sortedStates[2 * i] = states.get(order[i])[0];
                sortedStates[2 * i + 1] = states.get(order[i])[1];
            }
            return new DirectoryFiles(sortedNames, sortedStates);
        }
    }
}
