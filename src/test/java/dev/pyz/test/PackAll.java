package dev.pyz.test;

import dev.pyz.Log;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Packs every wheel it is given, one at a time, into a pack cache, as a build would (RECORD checked, limits,
 * zip-safety, native code), and reports each wheel's outcome and each refusal's message: what a large real
 * wheel set meets. Not a test (it needs the wheels of a package index): {@code bench/pack_index.py} runs it.
 *
 * <p>{@code PackAll CACHE_DIR FILE_OR_FOLDER...}: prints one line per wheel ({@code packed}, {@code native},
 * {@code not-zip-safe} with the evidence, or {@code REFUSED} with the message), then the counts.
 */
public final class PackAll {
    private PackAll() {}

    public static void main(String[] args) throws Exception {
        PackCache cache = new PackCache(Path.of(args[0]));
        List<Path> wheels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".whl")).sorted().forEach(wheels::add);
                }
            } else {
                wheels.add(p);
            }
        }
        TreeMap<String, Integer> counts = new TreeMap<>();
        long start = System.nanoTime();
        for (Path file : wheels) {
            String outcome;
            String detail = "";
            try {
                PackedWheel w = cache.prepare(List.of(WheelInput.of(file)), 2, Log.NONE).get(0).wheel();
                if (w.evidence().nativeCode().isPresent()) {
                    outcome = "native";
                    detail = w.evidence().nativeCode().get();
                } else if (w.evidence().notZipSafe().isPresent()) {
                    outcome = "not-zip-safe";
                    detail = w.evidence().notZipSafe().get();
                } else {
                    outcome = "packed";
                }
            } catch (Exception e) {
                outcome = "REFUSED";
                detail = String.valueOf(e.getMessage()).replace('\n', ' ');
            }
            counts.merge(outcome, 1, Integer::sum);
            System.out.println(String.format(Locale.ROOT, "%-12s %s%s", outcome, file.getFileName(),
                    detail.isEmpty() ? "" : "  " + detail));
        }
        System.out.println(String.format(Locale.ROOT, "%d wheels in %.0f s: %s", wheels.size(),
                (System.nanoTime() - start) / 1e9, counts));
    }
}
