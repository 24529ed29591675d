package dev.pyz.app;

import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.PackedWheel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code .pyz/manifest.json}: everything the bootstrap needs to start (docs/FORMAT.md). */
public final class Manifest {
    /** 2: wheels extracted at run time travel as zips nested in the archive ({@code archives}). */
    public static final int FORMAT = 2;
    public static final String PATH = ".pyz/manifest.json";

    private Manifest() {}

    /**
     * The manifest of an archive of {@code wheels} (in archive order) started by {@code entry}, built with
     * {@code settings}: {@code bytecode} names the interpreter whose pycs the archive carries, and
     * {@code nestedBytecode} holds the sha256 of each extracted wheel whose pycs travel in a nested zip of their
     * own ({@link #nestedBytecode}).
     */
    public static String json(ZipappSettings settings, EntryPoint entry, List<PackedWheel> wheels,
            Optional<Interpreter> bytecode, java.util.Set<String> nestedBytecode) throws java.io.IOException {
        String plugin = settings.plugin();
        String project = settings.project();
        Optional<Instant> timestamp = settings.timestamp();
        List<String> extractExclude = settings.extraction().exclude();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("plugin", plugin);
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("project", project);
        build.put("timestamp", timestamp.map(Instant::toString).orElse(null));
        root.put("build", build);
        root.put("entry", entry(entry));
        List<Object> list = new ArrayList<>();
        for (PackedWheel w : wheels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("version", w.version());
            m.put("file", w.fileName());
            m.put("path", w.archivePath());
            m.put("sha256", w.sha256());
            m.put("tags", new ArrayList<Object>(w.tags()));
            m.put("requires_python", w.requiresPython().orElse(null));
            m.put("dist_info", w.distInfo());
            m.put("extract", w.extract());
            Map<String, Object> bin = new java.util.TreeMap<>();
            w.evidence().bin().forEach((k, v) -> bin.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
            m.put("bin", bin.isEmpty() ? null : bin);
            Map<String, Object> scripts = new java.util.TreeMap<>();
            w.scripts().forEach((name, target) -> EntryPoint.scriptCallable(name, target)
                    .ifPresent(e -> scripts.put(name, e.module() + ":" + e.attr())));
            m.put("scripts", scripts.isEmpty() ? null : scripts);
            List<String> data = PrefixData.of(w);
            m.put("prefix_data", data.isEmpty() ? null : new ArrayList<Object>(data));
            if (w.extract()) {
                List<Object> archives = new ArrayList<>();
                archives.add(nestedArchive(w));
                if (nestedBytecode.contains(w.sha256())) {
                    archives.add(nestedBytecode(w));
                }
                m.put("archives", archives);
            } else {
                m.put("archives", null);
            }
            list.add(m);
        }
        root.put("wheels", list);
        root.put("extract_exclude", extractExclude.isEmpty() ? null : new ArrayList<Object>(extractExclude));
        root.put("inherit_path", settings.isolation().name().toLowerCase(java.util.Locale.ROOT));
        root.put("bytecode", bytecode.map(i -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("implementation", i.implementation());
            b.put("python", i.version());
            b.put("cache_tag", i.cacheTag());
            b.put("magic", i.magic());
            return (Object) b;
        }).orElse(null));
        return Json.write(root);
    }

    /**
     * Where a wheel extracted at run time travels: its packed zip, stored whole as one entry, so that the
     * archive's own directory (which zipimport parses on every start) lists none of its files.
     */
    public static String nestedArchive(PackedWheel w) {
        return w.archivePath() + ".zip";
    }

    /** Where the pycs of a wheel extracted at run time travel: its bytecode zip, stored whole. */
    public static String nestedBytecode(PackedWheel w) {
        return w.archivePath() + ".pycs.zip";
    }

    private static Map<String, Object> entry(EntryPoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        switch (e.kind()) {
            case MODULE -> m.put("module", e.module());
            case CALLABLE -> {
                m.put("module", e.module());
                m.put("attr", e.attr());
                m.put("name", e.name());
            }
            case SOURCE -> m.put("path", e.path());
            case INTERPRETER -> { }
            case EXECUTABLE, SCRIPT -> {
                m.put("name", e.name());
                m.put("wheel", e.wheel());
                m.put("path", e.path());
            }
        }
        return m;
    }
}
