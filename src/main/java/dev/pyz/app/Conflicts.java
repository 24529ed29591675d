package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files that more than one wheel installs. Each wheel has its own folder in the zipapp, so nothing is
 * overwritten, but at import time the first folder on sys.path silently shadows the others, the hazard
 * that stopped parallel installs in pip. Folders shared by namespace packages are not conflicts.
 */
public final class Conflicts {
    private Conflicts() {}

    /**
     * Installed path to the wheels (file names) that install it, for paths installed more than once. Only the
     * records of wheels that share a first path segment ({@link PackedWheel#topLevel}) with another are read:
     * no other file can be installed twice.
     */
    public static Map<String, List<String>> find(List<PackedWheel> wheels) throws IOException {
        Map<PackedWheel, Set<String>> shared = sharedTopLevel(wheels);
        Map<String, String> first = new HashMap<>();
        Map<String, List<String>> owners = new TreeMap<>();
        for (PackedWheel wheel : wheels) {
            Set<String> tops = shared.get(wheel);
            if (tops == null) {
                continue;
            }
            String prefix = wheel.archivePath() + "/";
            for (ZipRecord r : wheel.zip().directory().records()) {
                String name = r.name();
                if (!r.isDirectory() && name.startsWith(prefix)) {
                    String path = name.substring(prefix.length());
                    if (!tops.contains(PackedWheel.firstSegment(path))) {
                        continue;
                    }
                    String before = first.putIfAbsent(path, wheel.fileName());
                    if (before != null) { // rare: only these paths are sorted and listed
                        owners.computeIfAbsent(path, k -> new ArrayList<>(List.of(before))).add(wheel.fileName());
                    }
                }
            }
        }
        return owners;
    }

    /** Each wheel that shares a first path segment with another, with the segments it shares. */
    private static Map<PackedWheel, Set<String>> sharedTopLevel(List<PackedWheel> wheels) {
        Map<String, List<PackedWheel>> byTop = new HashMap<>();
        for (PackedWheel w : wheels) {
            for (String top : w.topLevel()) {
                byTop.computeIfAbsent(top, k -> new ArrayList<>()).add(w);
            }
        }
        Map<PackedWheel, Set<String>> shared = new IdentityHashMap<>();
        byTop.forEach((top, owners) -> {
            if (owners.size() > 1) {
                owners.forEach(w -> shared.computeIfAbsent(w, k -> new HashSet<>()).add(top));
            }
        });
        return shared;
    }

    /** Fails with the full list of conflicts, or, when {@code allow}, logs it as a warning. */
    public static void check(List<PackedWheel> wheels, boolean allow, Log log) throws IOException {
        Map<String, List<String>> conflicts = find(wheels);
        if (conflicts.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder(conflicts.size() + " file(s) are installed by more than one wheel"
                + " (the first wheel on sys.path would silently win):");
        conflicts.forEach((path, owners) -> s.append("\n  ").append(path).append(": ").append(String.join(", ", owners)));
        if (!allow) {
            throw new PyzException(s.append("\nRemove one of the wheels, or set allowConflicts (-Dpyz.allowConflicts)"
                    + " to accept this with a warning.").toString());
        }
        log.warn(s.toString());
    }
}
