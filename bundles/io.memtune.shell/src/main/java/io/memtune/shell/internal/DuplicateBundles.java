package io.memtune.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Bundles present in more than one file of the deploy folder (by symbolic name, whatever the versions and the
 * file names): one line each, for the operator to keep one file. Of two versions only the first installed runs
 * ({@link OneVersionPerBundle}); two files of one version feed a single bundle (FileInstall); neither is meant.
 */
final class DuplicateBundles {

    private DuplicateBundles() {
    }

    static List<String> in(List<DeployedFile> files) {
        Map<String, List<DeployedFile>> byName = new TreeMap<>();
        for (DeployedFile f : files) {
            if (f.identity() != null) {
                byName.computeIfAbsent(f.identity().symbolicName(), n -> new ArrayList<>()).add(f);
            }
        }
        List<String> lines = new ArrayList<>();
        byName.forEach((name, same) -> {
            if (same.size() > 1) {
                lines.add(name + " is in " + same.size() + " files: " + same.stream()
                        .map(f -> f.file() + " (" + f.identity().version() + ", " + f.state() + ")")
                        .collect(Collectors.joining(", ")) + "; keep one, delete the others");
            }
        });
        return lines;
    }
}
