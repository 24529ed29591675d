package dev.pyz.importer;

import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.SpecifierSet;
import dev.pyz.requirement.Target;
import dev.pyz.requirement.Version;
import dev.pyz.wheel.CoreMetadata;
import dev.pyz.wheel.MetadataReader;
import dev.pyz.wheel.WheelFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of wheel files (what {@code pip download} or {@code pip wheel} leaves) turned into Maven
 * artifacts under the plugin's coordinate convention: groupId as chosen, artifactId the normalized
 * distribution name of the file name ({@code typing_extensions}), version the file name's, type
 * {@code whl}, classifier the tag triple with the build tag in front ({@link WheelFileName#classifier()}),
 * so that the repository file is named exactly like the wheel.
 *
 * <p>Each artifact gets a POM (packaging {@code whl}) with {@code name}, {@code description},
 * {@code url} and {@code licenses} from METADATA, and a {@code whl} dependency for every
 * {@code Requires-Dist} that applies to the target environment and that a wheel of the folder meets, so
 * that Maven resolves the wheels a wheel needs. Requirements the folder cannot meet are listed in an XML
 * comment in the POM and returned for printing. When {@code a} requires {@code b[x]}, {@code a}'s POM
 * also carries what {@code b} requires for the extra {@code x} (a POM cannot ask for an extra), and so on
 * transitively. When a name has several wheels, a requirement takes the highest version it allows (a
 * pre-release only when no final release fits), and among the wheels of that version the one that suits
 * the target best (a platform tag for the target's system and machine, then a pure wheel, then the Python
 * tag of the target's version; the first classifier in sorted order breaks ties).
 *
 * <p>The wheels of one name and version share one POM (Maven keeps one per artifactId and version); it is
 * made from the wheel that suits the target best. No Maven API is used here: the mojo only calls
 * {@link #scan} and {@link #plan}; the Maven side installs or deploys the result.
 */
public final class Wheelhouse {
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");

    /** A wheel file of the folder and its METADATA. */
    public record Found(Path file, WheelFileName fileName, CoreMetadata metadata) {
        /** The distribution name as METADATA writes it. */
        public String name() {
            return metadata.get("Name").orElseThrow();
        }

        /** The version as the file name writes it (which is the Maven version). */
        public String version() {
            return fileName.version();
        }

        public String artifactId() {
            return WheelFileName.normalize(fileName.name());
        }

        public String classifier() {
            return fileName.classifier();
        }

        Optional<Version> parsedVersion() {
            return Version.tryParse(version());
        }
    }

    /** Maven coordinates of one wheel: {@code groupId:artifactId:version:whl:classifier}. */
    public record Coordinates(String groupId, String artifactId, String version, String classifier) {
        /** A {@code <dependency>} element, each line starting with {@code indent}, each ending with a line feed. */
        public String dependencyXml(String indent) {
            return indent + "<dependency>\n"
                    + indent + "  <groupId>" + xml(groupId) + "</groupId>\n"
                    + indent + "  <artifactId>" + xml(artifactId) + "</artifactId>\n"
                    + indent + "  <version>" + xml(version) + "</version>\n"
                    + indent + "  <type>whl</type>\n"
                    + indent + "  <classifier>" + xml(classifier) + "</classifier>\n"
                    + indent + "</dependency>\n";
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version + ":whl:" + classifier;
        }
    }

    /**
     * A requirement that applies to the target and that no wheel of the folder meets.
     *
     * @param requirement the requirement, as the wheel (or, for an extra, the wheel it names) declares it
     * @param reason {@code not in the folder} or {@code the folder has b 1.0, 1.1}; for a requirement that
     *     comes from an extra, followed by {@code (for b[x])}
     */
    public record Unmet(Requirement requirement, String reason) {
        @Override
        public String toString() {
            return requirement + ": " + reason;
        }
    }

    /**
     * What importing one wheel means.
     *
     * @param dependencies the {@code whl} dependencies of the POM, sorted
     * @param unmet the requirements no wheel of the folder meets, in the order found
     * @param pom the POM's text (shared by the wheels of the same name and version)
     */
    public record Import(Found wheel, Coordinates coordinates, List<Coordinates> dependencies, List<Unmet> unmet,
            String pom) {}

    private final Path folder;
    private final List<Found> wheels;

    private Wheelhouse(Path folder, List<Found> wheels) {
        this.folder = folder;
        this.wheels = wheels;
    }

    /**
     * Reads the METADATA of every {@code .whl} file directly in {@code folder} (sorted by file name).
     *
     * @throws PyzException naming the file when a name is not a wheel file name, METADATA is missing or
     *     damaged, or its Name or Version disagrees with the file name; naming the folder when it holds no
     *     wheel or is not a folder
     */
    public static Wheelhouse scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new PyzException(folder + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".whl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new PyzException(folder + ": no .whl file in this folder");
        }
        List<Found> wheels = new ArrayList<>();
        Map<String, Path> byArtifactFile = new TreeMap<>();
        for (Path file : files) {
            WheelFileName fileName;
            try {
                fileName = WheelFileName.parse(file.getFileName().toString());
            } catch (PyzException e) {
                throw new PyzException(folder + ": " + e.getMessage(), e);
            }
            CoreMetadata metadata = MetadataReader.wheel(file);
            String where = file + ": " + fileName.name() + "-" + fileName.version() + ".dist-info/METADATA";
            String name = metadata.get("Name").orElseThrow(() -> new PyzException(where + " has no Name field"));
            String version = metadata.get("Version").orElseThrow(() -> new PyzException(where + " has no Version field"));
            if (!WheelFileName.normalize(name).equals(WheelFileName.normalize(fileName.name()))) {
                throw new PyzException(file + ": the wheel is named '" + fileName.name() + "' but its METADATA says Name: "
                        + name);
            }
            if (!version.toLowerCase(Locale.ROOT).equals(fileName.version().toLowerCase(Locale.ROOT))) {
                throw new PyzException(file + ": the wheel has version '" + fileName.version()
                        + "' but its METADATA says Version: " + version);
            }
            Found found = new Found(file, fileName, metadata);
            String target = found.artifactId() + "-" + found.version() + "-" + found.classifier() + ".whl";
            Path other = byArtifactFile.put(target, file);
            if (other != null) {
                throw new PyzException(file + ": becomes " + target + " in the repository, as " + other + " does");
            }
            wheels.add(found);
        }
        return new Wheelhouse(folder, List.copyOf(wheels));
    }

    public Path folder() {
        return folder;
    }

    /** The wheels, sorted by file name. */
    public List<Found> wheels() {
        return wheels;
    }

    /**
     * Coordinates, dependencies and POM of every wheel, for {@code groupId} and a target.
     *
     * @param environment the target's marker variables ({@code MarkerEnvironment.cpython(...)})
     * @return one import per wheel, in the order of {@link #wheels()}
     * @throws PyzException naming the wheel when a {@code Requires-Dist} is not a valid requirement, or
     *     when {@code groupId} is not a valid groupId
     */
    public List<Import> plan(String groupId, Map<String, String> environment) throws PyzException {
        return plan(groupId, List.of(environment), target(environment));
    }

    /**
     * Coordinates, dependencies and POM of every wheel, for {@code groupId} and a target: a requirement
     * becomes a dependency when its marker holds in each of the target's environments ({@link
     * Target#environments()}: a minor version's first and late releases when the micro is not known).
     */
    public List<Import> plan(String groupId, Target target) throws PyzException {
        return plan(groupId, target.environments(), target.toString());
    }

    /** Why {@code groupId} cannot be the imported wheels' groupId, or empty when it can. */
    public static Optional<String> groupIdProblem(String groupId) {
        return groupId != null && GROUP_ID.matcher(groupId).matches() ? Optional.empty()
                : Optional.of("'" + groupId + "' is not a valid groupId (letters, digits, '_', '-', separated by '.')");
    }

    private List<Import> plan(String groupId, List<Map<String, String>> environments, String targetName)
            throws PyzException {
        Map<String, String> environment = environments.get(0); // for the fit of tags: the same in all
        Optional<String> problem = groupIdProblem(groupId);
        if (problem.isPresent()) {
            throw new PyzException(problem.get());
        }
        Map<String, List<Found>> byName = new TreeMap<>();
        for (Found w : wheels) {
            byName.computeIfAbsent(w.artifactId(), k -> new ArrayList<>()).add(w);
        }
        Map<String, Pom> poms = new TreeMap<>();
        List<Import> imports = new ArrayList<>();
        for (Found w : wheels) {
            String key = w.artifactId() + ":" + w.version();
            Pom pom = poms.get(key);
            if (pom == null) {
                Found representative = byName.get(w.artifactId()).stream()
                        .filter(o -> o.version().equals(w.version()))
                        .max(Comparator.comparingInt((Found o) -> fit(o.fileName(), environment))
                                .thenComparing(o -> o.classifier(), Comparator.reverseOrder()))
                        .orElseThrow();
                pom = pom(groupId, representative, byName, environments, targetName);
                poms.put(key, pom);
            }
            imports.add(new Import(w, coordinates(groupId, w), pom.dependencies, pom.unmet, pom.text));
        }
        return List.copyOf(imports);
    }

    /**
     * The imports a user declares, as Maven brings the others in through the POMs: those nothing else in
     * {@code imports} depends on, in order; then, for wheels that depend on each other in a cycle no such
     * import reaches, the first of each cycle.
     */
    public static List<Import> roots(List<Import> imports) {
        Map<Coordinates, Import> byCoordinates = new LinkedHashMap<>();
        imports.forEach(i -> byCoordinates.putIfAbsent(i.coordinates(), i));
        Set<Coordinates> required = new HashSet<>();
        imports.forEach(i -> required.addAll(i.dependencies()));
        List<Import> roots = new ArrayList<>();
        Set<Coordinates> reached = new HashSet<>();
        for (boolean cycles : new boolean[] {false, true}) {
            for (Import i : imports) {
                if (reached.contains(i.coordinates()) || (!cycles && required.contains(i.coordinates()))) {
                    continue;
                }
                roots.add(i);
                Deque<Coordinates> work = new ArrayDeque<>(List.of(i.coordinates()));
                while (!work.isEmpty()) {
                    Coordinates c = work.poll();
                    Import next = byCoordinates.get(c);
                    if (reached.add(c) && next != null) {
                        work.addAll(next.dependencies());
                    }
                }
            }
        }
        return roots;
    }

    /**
     * Logs what was imported: one line per wheel with its dependencies, a warning per requirement not met by
     * the folder, a summary ({@code what} says where to and for which target), and the {@code <dependency>}
     * elements to paste.
     */
    public static void report(List<Import> imports, String verb, String what, dev.pyz.Log log) {
        int unmet = 0;
        for (Import i : imports) {
            log.info(verb + i.coordinates() + " with " + i.dependencies().size() + " wheel dependenc"
                    + (i.dependencies().size() == 1 ? "y" : "ies"));
            for (Unmet u : i.unmet()) {
                log.warn(i.coordinates() + ": not a dependency: " + u);
                unmet++;
            }
        }
        log.info(String.format(Locale.ROOT, "Imported %d wheel(s) from %s%s", imports.size(), what,
                unmet == 0 ? "" : "; " + unmet + " requirement(s) not in the folder (listed above)"));
        log.info("Add to your POM (the rest comes through the wheels' POMs):\n" + dependencyBlock(roots(imports)));
    }

    /** The {@code <dependency>} elements of {@code imports} for a POM's {@code <dependencies>}, four spaces in. */
    public static String dependencyBlock(Collection<Import> imports) {
        StringBuilder s = new StringBuilder();
        imports.forEach(i -> s.append(i.coordinates().dependencyXml("    ")));
        return s.toString();
    }

    private static Coordinates coordinates(String groupId, Found w) {
        return new Coordinates(groupId, w.artifactId(), w.version(), w.classifier());
    }

    private record Pom(String text, List<Coordinates> dependencies, List<Unmet> unmet) {}

    /** What one wheel's requirement led to, while walking extras. */
    private record Pending(Found declaring, Requirement requirement, Set<String> extras, String via) {}

    private static Pom pom(String groupId, Found w, Map<String, List<Found>> byName,
            List<Map<String, String>> environments, String targetName) throws PyzException {
        Map<String, String> environment = environments.get(0); // for the fit of tags: the same in all
        Map<String, Coordinates> dependencies = new TreeMap<>();
        List<Unmet> unmet = new ArrayList<>();
        Deque<Pending> work = new ArrayDeque<>();
        for (Requirement r : requirements(w)) {
            work.add(new Pending(w, r, Set.of(), null));
        }
        Set<String> expanded = new HashSet<>(); // artifactId:version[extra] already walked
        while (!work.isEmpty()) {
            Pending p = work.poll();
            Requirement r = p.requirement();
            boolean applies = applies(p.declaring(), r, environments, p.extras());
            if (!applies || (p.via() != null && applies(p.declaring(), r, environments, Set.of()))) {
                continue; // not for the target, or (for an extra) in the declaring wheel's own POM already
            }
            String name = WheelFileName.normalize(r.name());
            if (name.equals(w.artifactId())) {
                continue; // a wheel needs no dependency on itself
            }
            List<Found> candidates = byName.getOrDefault(name, List.of());
            Optional<Found> chosen = choose(r, candidates, environment);
            if (chosen.isEmpty()) {
                String reason = candidates.isEmpty() ? "not in the folder"
                        : "the folder has " + candidates.get(0).name() + " " + candidates.stream().map(Found::version)
                                .distinct().collect(Collectors.joining(", "));
                unmet.add(new Unmet(r, p.via() == null ? reason : reason + " (for " + p.via() + ")"));
                continue;
            }
            Found target = chosen.get();
            dependencies.putIfAbsent(target.artifactId(), coordinates(groupId, target));
            Set<String> newExtras = new TreeSet<>();
            for (String extra : r.normalizedExtras()) {
                if (expanded.add(target.artifactId() + ":" + target.version() + "[" + extra + "]")) {
                    newExtras.add(extra);
                }
            }
            if (!newExtras.isEmpty()) {
                String via = target.name() + "[" + String.join(",", newExtras) + "]";
                for (Requirement next : requirements(target)) {
                    work.add(new Pending(target, next, newExtras, via));
                }
            }
        }
        List<Coordinates> deps = List.copyOf(dependencies.values());
        return new Pom(pomText(groupId, w, deps, unmet, targetName), deps, List.copyOf(unmet));
    }

    private static List<Requirement> requirements(Found w) throws PyzException {
        List<Requirement> requirements = new ArrayList<>();
        for (String line : w.metadata().getAll("Requires-Dist")) {
            try {
                requirements.add(Requirement.parse(line));
            } catch (IllegalArgumentException e) {
                throw new PyzException(w.file() + ": Requires-Dist is not a valid requirement: " + e.getMessage(), e);
            }
        }
        return requirements;
    }

    private static boolean applies(Found w, Requirement r, List<Map<String, String>> environments,
            Set<String> extras) throws PyzException {
        try {
            return r.appliesToAll(environments, extras);
        } catch (IllegalArgumentException e) {
            throw new PyzException(w.file() + ": Requires-Dist '" + r + "' cannot be evaluated for the target: "
                    + e.getMessage(), e);
        }
    }

    /** The wheel of {@code candidates} that meets {@code r} and suits the target best, if any. */
    private static Optional<Found> choose(Requirement r, List<Found> candidates, Map<String, String> environment) {
        List<Found> allowed;
        if (r.url().isPresent() || r.specifier().isEmpty()) {
            allowed = candidates;
        } else {
            SpecifierSet specifier = r.specifier();
            Set<Version> versions = new LinkedHashSet<>();
            candidates.forEach(c -> c.parsedVersion().ifPresent(versions::add));
            Set<Version> ok = new HashSet<>(specifier.filter(versions, false));
            allowed = candidates.stream().filter(c -> c.parsedVersion().map(ok::contains).orElse(false))
                    .collect(Collectors.toList());
        }
        Comparator<Found> byVersion = (a, b) -> {
            Optional<Version> va = a.parsedVersion();
            Optional<Version> vb = b.parsedVersion();
            if (va.isPresent() && vb.isPresent()) {
                return va.get().compareTo(vb.get());
            }
            return va.isPresent() == vb.isPresent() ? a.version().compareTo(b.version()) : va.isPresent() ? 1 : -1;
        };
        return allowed.stream().max(byVersion
                .thenComparingInt(c -> fit(c.fileName(), environment))
                .thenComparing(Found::classifier, Comparator.reverseOrder()));
    }

    /**
     * How well a wheel suits the target, higher is better: a platform tag for the target's system and
     * machine (4), a pure wheel (2), neither (0); plus 1 when a Python tag names the target's version.
     */
    static int fit(WheelFileName w, Map<String, String> environment) {
        String system = environment.getOrDefault("sys_platform", "");
        String machine = environment.getOrDefault("platform_machine", "").toLowerCase(Locale.ROOT);
        int score = 0;
        for (String platform : w.platformTag().split("\\.")) {
            if (platform.equals("any")) {
                score = Math.max(score, 2);
                continue;
            }
            boolean os = system.startsWith("linux") ? platform.contains("linux")
                    : system.equals("darwin") ? platform.startsWith("macosx")
                    : system.equals("win32") ? platform.startsWith("win")
                    : !system.isEmpty() && platform.startsWith(system);
            boolean arch = !machine.isEmpty() && (platform.endsWith(machine)
                    || (machine.equals("amd64") || machine.equals("x86_64")) && (platform.endsWith("x86_64") || platform.endsWith("amd64"))
                    || (machine.equals("arm64") || machine.equals("aarch64")) && (platform.endsWith("arm64") || platform.endsWith("aarch64"))
                    || system.equals("darwin") && platform.endsWith("universal2"));
            if (os && arch) {
                score = 4;
            }
        }
        String pythonVersion = environment.getOrDefault("python_version", "");
        String[] mm = pythonVersion.split("\\.");
        if (mm.length == 2) {
            Set<String> tags = Set.of("cp" + mm[0] + mm[1], "py" + mm[0] + mm[1]);
            for (String python : w.pythonTag().split("\\.")) {
                if (tags.contains(python)) {
                    score += 1;
                    break;
                }
            }
        }
        return score;
    }

    private static String pomText(String groupId, Found w, List<Coordinates> dependencies, List<Unmet> unmet,
            String targetName) {
        CoreMetadata m = w.metadata();
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">\n");
        s.append("  <!-- ").append(comment("Made by pyz:import from " + w.fileName().fileName() + " for "
                + targetName)).append(" -->\n");
        s.append("  <modelVersion>4.0.0</modelVersion>\n");
        s.append("  <groupId>").append(xml(groupId)).append("</groupId>\n");
        s.append("  <artifactId>").append(xml(w.artifactId())).append("</artifactId>\n");
        s.append("  <version>").append(xml(w.version())).append("</version>\n");
        s.append("  <packaging>whl</packaging>\n");
        s.append("  <name>").append(xml(w.name())).append("</name>\n");
        m.get("Summary").filter(v -> !v.isBlank())
                .ifPresent(v -> s.append("  <description>").append(xml(v.strip())).append("</description>\n"));
        homepage(m).ifPresent(v -> s.append("  <url>").append(xml(v)).append("</url>\n"));
        List<String> licenses = licenses(m);
        if (!licenses.isEmpty()) {
            s.append("  <licenses>\n");
            for (String license : licenses) {
                s.append("    <license>\n      <name>").append(xml(license)).append("</name>\n    </license>\n");
            }
            s.append("  </licenses>\n");
        }
        if (!dependencies.isEmpty()) {
            s.append("  <dependencies>\n");
            dependencies.forEach(d -> s.append(d.dependencyXml("    ")));
            s.append("  </dependencies>\n");
        }
        if (!unmet.isEmpty()) {
            s.append("  <!-- Requires-Dist that no wheel of the imported folder meets:\n");
            unmet.forEach(u -> s.append("       ").append(comment(u.toString())).append('\n'));
            s.append("  -->\n");
        }
        s.append("</project>\n");
        return s.toString();
    }

    private static String target(Map<String, String> environment) {
        return environment.getOrDefault("platform_python_implementation", "Python") + " "
                + environment.getOrDefault("python_full_version", "?") + " on "
                + environment.getOrDefault("sys_platform", "?") + " " + environment.getOrDefault("platform_machine", "?");
    }

    /** {@code Home-page}, else the {@code Project-URL} labelled Homepage (any spelling). */
    static Optional<String> homepage(CoreMetadata m) {
        Optional<String> homePage = m.get("Home-page").map(String::strip).filter(v -> !v.isEmpty() && !v.equals("UNKNOWN"));
        if (homePage.isPresent()) {
            return homePage;
        }
        for (String projectUrl : m.getAll("Project-URL")) {
            int comma = projectUrl.indexOf(',');
            if (comma > 0 && projectUrl.substring(0, comma).replaceAll("[^A-Za-z]", "").equalsIgnoreCase("homepage")) {
                return Optional.of(projectUrl.substring(comma + 1).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code License-Expression}; else the first line of {@code License} (some wheels put the whole text
     * there); else the last part of each {@code License ::} classifier.
     */
    static List<String> licenses(CoreMetadata m) {
        Optional<String> expression = m.get("License-Expression").map(String::strip).filter(v -> !v.isEmpty());
        if (expression.isPresent()) {
            return List.of(expression.get());
        }
        Optional<String> license = m.get("License").map(v -> v.strip().split("\n", 2)[0].strip())
                .filter(v -> !v.isEmpty() && !v.equals("UNKNOWN"));
        if (license.isPresent()) {
            return List.of(license.get());
        }
        Set<String> fromClassifiers = new LinkedHashSet<>();
        for (String classifier : m.getAll("Classifier")) {
            String[] parts = classifier.split("::");
            if (parts.length > 1 && parts[0].strip().equals("License")) {
                fromClassifiers.add(parts[parts.length - 1].strip());
            }
        }
        return List.copyOf(fromClassifiers);
    }

    /** Text escaped for XML content and attributes; characters XML 1.0 cannot hold are dropped. */
    static String xml(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        s.appendCodePoint(c);
                    }
                }
            }
        });
        return s.toString();
    }

    /** Text safe inside an XML comment: no {@code --}, no trailing {@code -}. */
    static String comment(String text) {
        String s = xml(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace("&quot;", "\"").replace("&apos;", "'");
        while (s.contains("--")) {
            s = s.replace("--", "- -");
        }
        return s.endsWith("-") ? s + " " : s;
    }
}
