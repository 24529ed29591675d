package dev.pyz.test;

import dev.pyz.wheel.Wheel;
import dev.pyz.wheel.ZipSafety;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.pyz.zip.ZipRecord;

/**
 * A developer's look at the zip-safety analysis on real wheels (not a test: it needs wheels from a package
 * index): {@code ZipSafetySurvey FILE_OR_FOLDER...} prints, for each wheel, {@code EXTRACT} or {@code ok}
 * (or {@code native}), the wheel's file name and the evidence.
 */
public final class ZipSafetySurvey {
    private ZipSafetySurvey() {}

    public static void main(String[] args) throws Exception {
        List<Path> wheels = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".whl")).sorted().forEach(wheels::add);
                }
            } else {
                wheels.add(p);
            }
        }
        long start = System.nanoTime();
        long sourceBytes = 0;
        long scanNanos = 0;
        for (Path file : wheels) {
            try (Wheel w = Wheel.open(file)) {
                ZipSafety safety = new ZipSafety();
                String data = w.dataDir() + "/";
                boolean nativeCode = false;
                for (ZipRecord e : w.entries()) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    String name = e.name().startsWith(data + "purelib/") ? e.name().substring(data.length() + 8)
                            : e.name().startsWith(data + "platlib/") ? e.name().substring(data.length() + 8)
                            : e.name();
                    nativeCode |= name.matches(".*\\.(so|pyd|dylib|dll)(\\.[0-9]+)*");
                    safety.file(name);
                    if (name.endsWith(".py")) {
                        byte[] content = w.read(e);
                        sourceBytes += content.length;
                        long t = System.nanoTime();
                        safety.module(name, content);
                        scanNanos += System.nanoTime() - t;
                    }
                }
                String verdict = safety.verdict().orElse("");
                System.out.println((nativeCode ? "native " : verdict.isEmpty() ? "ok     " : "EXTRACT") + " "
                        + file.getFileName() + (verdict.isEmpty() ? "" : "  " + verdict));
            } catch (Exception e) {
                System.out.println("error   " + file.getFileName() + "  " + e.getMessage());
            }
        }
        System.err.printf("%d wheels, %.1f MB of source, %.1f s, %.1f s of it scanning (%.0f MB/s)%n", wheels.size(),
                sourceBytes / 1e6, (System.nanoTime() - start) / 1e9, scanNanos / 1e9, sourceBytes / 1e3 / (scanNanos / 1e6));
    }
}
