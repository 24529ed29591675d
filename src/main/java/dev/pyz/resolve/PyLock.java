package dev.pyz.resolve;

import dev.pyz.PyzException;
import dev.pyz.index.IndexFile;
import dev.pyz.requirement.Marker;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Target;
import dev.pyz.requirement.Version;
import dev.pyz.wheel.WheelFileName;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code pylock.toml} (PEP 751) read for one target, with no resolution: every package whose
 * {@code marker} holds for the target, each with the wheel of its {@code [[packages.wheels]]} that suits
 * the target best (ranked as pip ranks tags) and the hashes the lock gives for it. The lock's
 * {@code environments} and {@code requires-python} must admit the target. Errors name the file and the
 * package: a wheel without hashes, a package with no wheel for the target (or only a source
 * distribution, a VCS checkout or a folder, which are not built here), two entries of one project for the
 * target, a wheel whose file name is not the package's name and version.
 */
public final class PyLock {
    /** A package of the lock and the wheel to install for the target. */
    public record Locked(String name, String version, IndexFile wheel) {
        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    private PyLock() {}

    /** The packages to install for the target, in the lock's order. */
    public static List<Locked> read(Path file, TagPriority tags) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PyzException(file + ": no such lock file", e);
        }
        Map<String, Object> doc;
        try {
            doc = Toml.parse(text);
        } catch (Toml.TomlException e) {
            throw new PyzException(file + ": not a valid TOML file: " + e.getMessage(), e);
        }
        return new Reader(file, tags).read(doc);
    }

    private static final class Reader {
        private final Path file;
        private final TagPriority tags;
        private final Target target;

        Reader(Path file, TagPriority tags) {
            this.file = file;
            this.tags = tags;
            this.target = tags.target();
        }

        List<Locked> read(Map<String, Object> doc) throws PyzException {
            String lockVersion = string(doc, "lock-version", "the lock").orElseThrow(
                    () -> error("has no lock-version: is it a pylock.toml (PEP 751)?"));
            if (!lockVersion.equals("1") && !lockVersion.startsWith("1.")) {
                throw error("lock-version " + lockVersion + " is not supported (1.x is)");
            }
            Optional<String> requiresPython = string(doc, "requires-python", "the lock");
            if (requiresPython.isPresent() && !fitsPython(requiresPython.get(), "the lock")) {
                throw error("requires-python " + requiresPython.get() + " does not admit the target " + target);
            }
            List<Object> environments = list(doc, "environments", "the lock");
            if (!environments.isEmpty()) {
                boolean any = false;
                for (Object e : environments) {
                    if (!(e instanceof String marker)) {
                        throw error("environments holds " + e + ", not a marker string");
                    }
                    any |= holds(marker, "the lock's environments") == Holds.ALL;
                }
                if (!any) {
                    throw error("none of its environments " + environments + " is the target " + target
                            + ": the lock was made for other platforms or Python versions");
                }
            }
            List<Locked> locked = new ArrayList<>();
            Map<String, Locked> byName = new LinkedHashMap<>();
            int n = 0;
            for (Object p : list(doc, "packages", "the lock")) {
                n++;
                if (!(p instanceof Map<?, ?> raw)) {
                    throw error("packages[" + n + "] is not a table");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> pkg = (Map<String, Object>) raw;
                String where = "packages[" + n + "]";
                String name = string(pkg, "name", where).orElseThrow(() -> error("packages[" + pkg + "] has no name"));
                Optional<Locked> l = pkg(pkg, name, where + " (" + name + ")");
                if (l.isPresent()) {
                    Locked before = byName.put(Requirement.normalizeName(name), l.get());
                    if (before != null) {
                        throw error("package " + name + " is there twice for the target " + target + " (" + before
                                + " and " + l.get() + "): their markers must tell them apart");
                    }
                    locked.add(l.get());
                }
            }
            return List.copyOf(locked);
        }

        private Optional<Locked> pkg(Map<String, Object> pkg, String name, String where) throws PyzException {
            Optional<String> marker = string(pkg, "marker", where);
            if (marker.isPresent() && holds(marker.get(), "package " + name) == Holds.NONE) {
                return Optional.empty();
            }
            String version = string(pkg, "version", where).orElseThrow(() -> error("package " + name
                    + " has no version: only packages from wheels can be installed from a lock file"));
            Optional<String> requiresPython = string(pkg, "requires-python", where);
            if (requiresPython.isPresent() && !fitsPython(requiresPython.get(), "package " + name)) {
                throw error("package " + name + " " + version + " requires Python " + requiresPython.get()
                        + ", which the target " + target + " is not");
            }
            List<Object> wheels = list(pkg, "wheels", where);
            if (wheels.isEmpty()) {
                List<String> other = new ArrayList<>();
                for (String k : List.of("sdist", "vcs", "directory", "archive")) {
                    if (pkg.containsKey(k)) {
                        other.add(k);
                    }
                }
                throw error("package " + name + " " + version + " has no wheels" + (other.isEmpty() ? ""
                        : ", only " + String.join(", ", other) + " (source is not built here: lock it with wheels,"
                        + " for instance with --only-binary)"));
            }
            IndexFile best = null;
            long bestRank = Long.MAX_VALUE;
            List<String> names = new ArrayList<>();
            int n = 0;
            for (Object w : wheels) {
                n++;
                if (!(w instanceof Map<?, ?> raw)) {
                    throw error("package " + name + ": wheels[" + n + "] is not a table");
                }
                @SuppressWarnings("unchecked")
                IndexFile f = wheel((Map<String, Object>) raw, name, version, where + ".wheels[" + n + "]");
                names.add(f.filename());
                OptionalLong rank = tags.best(WheelFileName.parse(f.filename()).tags());
                if (rank.isPresent() && rank.getAsLong() < bestRank) {
                    best = f;
                    bestRank = rank.getAsLong();
                }
            }
            if (best == null) {
                throw error("package " + name + " " + version + " has no wheel for " + tags + " (its wheels: "
                        + String.join(", ", names) + (pkg.containsKey("sdist") ? "; its source distribution is not"
                        + " built here" : "") + ")");
            }
            return Optional.of(new Locked(name, version, best));
        }

        private IndexFile wheel(Map<String, Object> w, String name, String version, String where) throws PyzException {
            Optional<String> url = string(w, "url", where);
            Optional<String> path = string(w, "path", where);
            URI location;
            if (url.isPresent()) {
                try {
                    location = URI.create(url.get());
                } catch (IllegalArgumentException e) {
                    throw error("package " + name + ": the wheel URL " + url.get() + " is not a URL");
                }
                if (!location.isAbsolute()) {
                    throw error("package " + name + ": the wheel URL " + url.get() + " is not absolute");
                }
            } else if (path.isPresent()) {
                location = file.toAbsolutePath().getParent().resolve(path.get()).normalize().toUri();
            } else {
                throw error("package " + name + ": a wheel has neither url nor path");
            }
            String fromLocation = location.getPath() == null ? "" : location.getPath().replaceFirst(".*/", "");
            String filename = string(w, "name", where).orElse(fromLocation);
            WheelFileName parsed;
            try {
                parsed = WheelFileName.parse(filename);
            } catch (PyzException e) {
                throw error("package " + name + ": '" + filename + "' is not a wheel's file name");
            }
            if (!Requirement.normalizeName(parsed.name()).equals(Requirement.normalizeName(name))
                    || !sameVersion(parsed.version(), version)) {
                throw error("package " + name + " " + version + " lists the wheel " + filename + ", which is another"
                        + " project or version");
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            Object h = w.get("hashes");
            if (h instanceof Map<?, ?> m) {
                m.forEach((k, v) -> hashes.put(String.valueOf(k), String.valueOf(v)));
            } else if (h != null) {
                throw error("package " + name + ": the hashes of " + filename + " are not a table");
            }
            if (hashes.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                    .noneMatch(k -> List.of("sha512", "sha384", "sha256", "sha224").contains(k))) {
                throw error("package " + name + ": the wheel " + filename + " has no " + (hashes.isEmpty() ? "hashes"
                        : "SHA-2 hash (only " + hashes.keySet() + ")") + "; a lock file must give one for every"
                        + " file, and nothing is installed unchecked");
            }
            return new IndexFile(filename, location, hashes, Optional.empty(), Optional.empty(), Optional.empty(),
                    file.toUri());
        }

        private enum Holds { ALL, NONE, SOME }

        private Holds holds(String marker, String what) throws PyzException {
            Marker m;
            try {
                m = Marker.parse(marker);
            } catch (IllegalArgumentException e) {
                throw error(what + ": the marker '" + marker + "' cannot be read (" + e.getMessage() + "); extras and"
                        + " dependency groups of a lock file are not supported");
            }
            int yes = 0;
            List<Map<String, String>> environments = target.environments();
            for (Map<String, String> environment : environments) {
                try {
                    yes += m.evaluate(environment) ? 1 : 0;
                } catch (IllegalArgumentException e) {
                    throw error(what + ": the marker '" + marker + "' cannot be evaluated for " + target + ": "
                            + e.getMessage());
                }
            }
            if (yes != 0 && yes != environments.size()) {
                throw error(what + ": the marker '" + marker + "' holds for some releases of Python "
                        + target.python() + " and not others: give targetPython as a full version, such as 3.11.9");
            }
            return yes == 0 ? Holds.NONE : Holds.ALL;
        }

        private boolean fitsPython(String spec, String what) throws PyzException {
            try {
                return target.fitsRequiresPython(spec);
            } catch (IllegalArgumentException e) {
                throw error(what + ": requires-python '" + spec + "' is not a version specifier: " + e.getMessage());
            }
        }

        private static boolean sameVersion(String a, String b) {
            Optional<Version> x = Version.tryParse(a);
            Optional<Version> y = Version.tryParse(b);
            return x.isPresent() && y.isPresent() ? x.get().equals(y.get()) : a.equalsIgnoreCase(b);
        }

        private Optional<String> string(Map<String, Object> table, String key, String where) throws PyzException {
            Object v = table.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!(v instanceof String s)) {
                throw error(where + ": " + key + " is " + v + ", not a string");
            }
            return Optional.of(s);
        }

        private List<Object> list(Map<String, Object> table, String key, String where) throws PyzException {
            Object v = table.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                throw error(where + ": " + key + " is not an array");
            }
            return new ArrayList<>(l);
        }

        private PyzException error(String message) {
            return new PyzException(file + ": " + message);
        }
    }
}
