package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.wheel.WheelFileName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which wheels reach the disk at run time: those with native code, those whose code the build found not
 * zip-safe (it reads files beside its modules), those a bundled analyzer reads as files (the typed ones
 * for mypy, all for astroid: {@link Analyzer}), and those the user names in {@code extractWheels}; and
 * which stay in the archive although the analysis would extract them: those named in
 * {@code zipSafeWheels} (never a wheel with native code, which cannot be imported from a zip). Each
 * wheel that is extracted for a reason other than native code gets one log line saying why.
 */
public final class ExtractChoice {
    private ExtractChoice() {}

    /** The wheels, each marked for extraction or not; an unknown name is an error. */
    public static List<PackedWheel> decide(List<PackedWheel> wheels, ZipappSettings.Extraction choice, Log log)
            throws java.io.IOException {
        Set<String> bundled = new TreeSet<>();
        wheels.forEach(w -> bundled.add(WheelFileName.normalize(w.name())));
        unknown("extractWheels", choice.extractWheels(), bundled);
        unknown("zipSafeWheels", choice.zipSafeWheels(), bundled);
        Map<Analyzer, String> analyzers = Analyzer.bundled(bundled);
        List<PackedWheel> result = new ArrayList<>();
        for (PackedWheel w : wheels) {
            String name = WheelFileName.normalize(w.name());
            boolean native_ = w.evidence().nativeCode().isPresent();
            if (choice.zipSafeWheels().contains(name)) {
                if (native_) {
                    throw new PyzException("zipSafeWheels names " + name + ", but " + w.fileName() + " holds native code ("
                            + w.evidence().nativeCode().get() + "), which cannot run from a zip: remove it from"
                            + " zipSafeWheels");
                }
                w.evidence().notZipSafe().ifPresent(why -> log.info("Importing " + w.fileName() + " from the archive"
                        + " (zipSafeWheels) although " + why));
                result.add(w.withExtract(false));
            } else if (choice.extractWheels().contains(name)) {
                if (!native_) {
                    log.info("Extracting " + w.fileName() + " at run time: named in extractWheels");
                }
                result.add(w.withExtract(true));
            } else {
                if (!native_ && w.evidence().notZipSafe().isPresent()) {
                    log.info("Extracting " + w.fileName() + " at run time: " + w.evidence().notZipSafe().get()
                            + " (zipSafeWheels keeps it in the archive)");
                }
                String read = w.evidence().extractByDefault() ? null : readByAnalyzer(w, analyzers);
                List<String> data = read != null || w.evidence().extractByDefault() ? List.of() : PrefixData.of(w);
                if (!data.isEmpty()) {
                    read = "it installs data files under the environment's prefix (" + String.join("/, ", data)
                            + "/), where tools look for them";
                }
                if (read != null) {
                    log.info("Extracting " + w.fileName() + " at run time: " + read + " (zipSafeWheels keeps it in the archive)");
                }
                result.add(w.withExtract(w.evidence().extractByDefault() || read != null));
            }
        }
        return result;
    }

    /**
     * Tools that read the packages they analyse as files, in the folders of the interpreter's sys.path: to
     * them a package imported from the archive is no folder (mypy does not find it) or no file (astroid infers
     * nothing from it, pytest rewrites no assert in it). When the app bundles one, the wheels it would read are
     * extracted.
     */
    enum Analyzer {
        /** Type checkers: they look for the packages they check against as PEP 561 describes. */
        TYPE_CHECKER(Set.of("mypy", "basedmypy")) {
            @Override
            String reads(PackedWheel w, String tool) throws java.io.IOException {
                String typed = typed(w);
                return typed == null ? null
                        : "it is typed (" + typed + "), and the bundled " + tool + " finds typed packages only in folders";
            }
        },
        /** pylint's inference: a module it reads from a zip is not "fully defined", so no member is ever missing. */
        INFERENCE(Set.of("astroid")) {
            @Override
            String reads(PackedWheel w, String tool) {
                return "the bundled " + tool + " infers from the files of the modules a checked program imports";
            }
        },
        /**
         * pytest rewrites the asserts of its plugins' modules (the distributions with a {@code pytest11} entry
         * point) as it imports them, but only modules it finds as source files: pytest-mock's call comparison,
         * for one, then reports no difference.
         */
        ASSERT_REWRITER(Set.of("pytest")) {
            @Override
            String reads(PackedWheel w, String tool) throws java.io.IOException {
                return w.entryPoints().group("pytest11").isEmpty() ? null
                        : "it is a pytest plugin (pytest11 entry point), and the bundled " + tool
                        + " rewrites the asserts of plugins only from source files";
            }
        };

        private final Set<String> distributions;

        Analyzer(Set<String> distributions) {
            this.distributions = distributions;
        }

        /** Why {@code tool} (a distribution that is this analyzer) reads wheel {@code w} as files, or null. */
        abstract String reads(PackedWheel w, String tool) throws java.io.IOException;

        /** The analyzers among the bundled distributions, each with the distribution that is one. */
        static Map<Analyzer, String> bundled(Set<String> bundled) {
            Map<Analyzer, String> found = new java.util.EnumMap<>(Analyzer.class);
            for (Analyzer a : values()) {
                a.distributions.stream().filter(bundled::contains).sorted().findFirst().ifPresent(d -> found.put(a, d));
            }
            return found;
        }
    }

    /** Why a bundled analyzer would read this wheel as files, or null when none would. */
    private static String readByAnalyzer(PackedWheel w, Map<Analyzer, String> analyzers) throws java.io.IOException {
        for (Map.Entry<Analyzer, String> a : analyzers.entrySet()) {
            String why = a.getKey().reads(w, a.getValue());
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** What makes a wheel typed (PEP 561): its first {@code -stubs} package or {@code py.typed} marker, else null. */
    static String typed(PackedWheel w) throws java.io.IOException {
        for (String top : w.topLevel()) {
            if (top.endsWith("-stubs")) {
                return top + "/";
            }
        }
        return w.installedPaths().stream().filter(p -> p.endsWith("/py.typed")).findFirst().orElse(null);
    }

    /**
     * Warns about each {@code extractExclude} pattern that matches no file of any wheel extracted at run time
     * (a typo, or a path written from the wrong folder), with the patterns read as the bootstrap reads them:
     * {@code **} any folders, {@code *} and {@code ?} within a name, paths relative to the wheel's root.
     */
    static void warnUnmatched(List<PackedWheel> wheels, List<String> patterns, Log log) throws java.io.IOException {
        if (patterns.isEmpty()) {
            return;
        }
        Set<String> unmatched = new TreeSet<>(patterns);
        java.util.Map<String, java.util.regex.Pattern> compiled = new java.util.TreeMap<>();
        patterns.forEach(p -> compiled.put(p, glob(p)));
        for (PackedWheel w : wheels) {
            if (!w.extract() || unmatched.isEmpty()) {
                continue;
            }
            for (String path : w.installedPaths()) {
                String relative = path.replaceAll("/$", "");
                unmatched.removeIf(p -> compiled.get(p).matcher(relative).matches());
            }
        }
        for (String p : unmatched) {
            log.warn("extractExclude '" + p + "' matches no file of a wheel extracted at run time; patterns are paths"
                    + " inside a wheel, from its root (tensorflow/include/**)");
        }
    }

    /** A glob pattern as the bootstrap reads it (pyz_extract.exclusion). */
    static java.util.regex.Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (pattern.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else if (pattern.charAt(i) == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(i))));
                i++;
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL);
    }

    private static void unknown(String parameter, List<String> names, Set<String> bundled) throws PyzException {
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(bundled);
        if (!unknown.isEmpty()) {
            throw new PyzException(parameter + " names " + String.join(", ", unknown) + ", which no bundled wheel is;"
                    + " the bundled distributions are " + String.join(", ", bundled));
        }
    }
}
