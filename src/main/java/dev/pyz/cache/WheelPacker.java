package dev.pyz.cache;

import dev.pyz.PyzException;
import dev.pyz.wheel.Wheel;
import dev.pyz.zip.Compressed;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipRecord;
import dev.pyz.zip.ZipWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a wheel into its packed zip: the wheel's installed layout under {@code .deps/<wheel file name>/},
 * entries sorted, explicit directories, fixed times, no preamble and no data descriptors. File content
 * is copied as the wheel's compressed bytes; only RECORD is rewritten (and compressed again) when
 * folding {@code .data/purelib|platlib} and moving {@code .data/scripts} to {@code bin/} changed paths.
 */
public final class WheelPacker {
    /** Native code that cannot be imported from a zip: the wheel must be extracted at run time. */
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so|pyd|dylib|dll)(\\.[0-9]+)*");

    private WheelPacker() {}

    /**
     * Where each of a wheel's entries goes in its packed zip, in the zip's order: installed name (directories
     * end with '/') to the wheel's entry (null for a directory), and the entries whose path changed.
     */
    record Layout(TreeMap<String, ZipRecord> entries, Map<String, String> moved) {}

    /** The packed layout of {@code wheel}; refuses a wheel two of whose entries would install to one path. */
    static Layout layout(Wheel wheel) throws PyzException {
        String where = wheel.fileName().fileName();
        String data = wheel.dataDir() + "/";
        TreeMap<String, ZipRecord> layout = new TreeMap<>();
        Map<String, String> moved = new TreeMap<>();
        for (ZipRecord entry : wheel.entries()) {
            String name = entry.name();
            String installed = installedPath(name, data);
            if (installed.isEmpty() || installed.equals(BIN)) {
                continue; // the .data/purelib/ folder itself (bin/ comes with its files)
            }
            if (!installed.equals(name)) {
                moved.put(name, installed);
            }
            addParents(layout, installed);
            if (entry.isDirectory()) {
                layout.putIfAbsent(installed, null);
                continue;
            }
            if (layout.containsKey(installed) || layout.containsKey(installed + "/")) {
                ZipRecord other = layout.get(installed);
                throw new PyzException(where + ": entry " + name + " installs to " + installed + ", which "
                        + (other != null ? "entry " + other.name() + " installs to as well" : "is a folder"));
            }
            layout.put(installed, entry);
        }
        for (String name : layout.keySet()) {
            if (!name.endsWith("/") && layout.containsKey(name + "/")) {
                throw new PyzException(where + ": " + name + " is installed both as a file and as a folder");
            }
        }
        return new Layout(layout, moved);
    }

    /** Packs {@code wheel} into {@code out} (created or replaced); the result points at {@code out}. */
    public static PackedWheel pack(Wheel wheel, String sha256, Path out) throws IOException {
        String record = wheel.distInfo() + "/RECORD";
        Layout l = layout(wheel);
        TreeMap<String, ZipRecord> layout = l.entries();
        Map<String, String> moved = l.moved();
        String nativeCode = null;
        Map<String, RunEvidence.ScriptKind> scripts = new TreeMap<>();
        String data = wheel.dataDir() + "/";
        for (ZipRecord entry : wheel.entries()) { // in the wheel's order: the first native file is the evidence
            String installed = installedPath(entry.name(), data);
            if (entry.isDirectory() || installed.isEmpty() || installed.equals(BIN)) {
                continue;
            }
            if (installed.startsWith(BIN)) {
                RunEvidence.ScriptKind kind = RunEvidence.kindOf(installed, head(wheel, entry));
                scripts.put(installed.substring(BIN.length()), kind);
                if (kind == RunEvidence.ScriptKind.NATIVE && nativeCode == null) {
                    nativeCode = installed;
                }
            } else if (nativeCode == null && (NATIVE.matcher(installed).matches()
                    || mayBeExecutable(entry, installed) && RunEvidence.kindOf(installed, head(wheel, entry)) == RunEvidence.ScriptKind.NATIVE
                    && !installed.contains(".dist-info/"))) {
                nativeCode = installed;
            }
        }
        String prefix = ".deps/" + wheel.fileName().fileName() + "/";
        int entries = 0;
        java.util.OptionalLong crc;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                ZipWriter writer = new ZipWriter(channel, out.toString())) {
            writer.addDirectory(prefix, DosTime.EPOCH);
            for (Map.Entry<String, ZipRecord> item : layout.entrySet()) {
                String name = prefix + item.getKey();
                ZipRecord entry = item.getValue();
                if (entry == null) {
                    writer.addDirectory(name, DosTime.EPOCH);
                } else if (entry.name().equals(record) && !moved.isEmpty()) {
                    byte[] rewritten = RecordFile.rewritePaths(wheel.read(entry), moved);
                    writer.addEntry(name, Compressed.of(rewritten), ZipWriter.FILE_MODE, DosTime.EPOCH);
                } else {
                    try (InputStream raw = wheel.rawInputStream(entry)) {
                        writer.addRawEntry(name, entry.method(), entry.crc(), entry.compressedSize(), entry.size(),
                                mode(entry, item.getKey()), DosTime.EPOCH, raw);
                    }
                }
            }
            entries = writer.entryCount();
            writer.finish();
            crc = writer.crc32();
        }
        RunEvidence evidence = new RunEvidence(java.util.Optional.ofNullable(nativeCode), java.util.Optional.empty(),
                scripts);
        return new PackedWheel(wheel.fileName().fileName(), sha256, wheel.name(), wheel.version(),
                wheel.requiresPython(), new PackedWheel.Requirements(wheel.metadata().getAll("Requires-Dist"),
                wheel.metadata().getAll("Provides-Extra")), wheel.distInfo(), evidence.extractByDefault(), entries,
                topLevel(layout.keySet()), wheel.entryPoints().scripts(), CachedZip.written(out, crc), "", evidence);
    }

    /** The first segment of each installed path (PackedWheel sorts them and keeps each once). */
    private static List<String> topLevel(java.util.Collection<String> installed) {
        return installed.stream().map(PackedWheel::firstSegment).filter(s -> !s.isEmpty()).toList();
    }

    /** Where a wheel's scripts are installed, as {@code pip install --target} puts them: beside its packages. */
    public static final String BIN = "bin/";

    /**
     * {@code X.data/purelib/a}, {@code X.data/platlib/a} and {@code X.data/data/a} install to {@code a},
     * {@code X.data/scripts/a} to {@code bin/a}, as {@code pip install --target} lays them out (libraries and
     * {@code share/} beside the packages); the rest ({@code X.data/headers}) stays.
     */
    static String installedPath(String name, String dataDir) {
        if (name.startsWith(dataDir)) {
            String rest = name.substring(dataDir.length());
            for (String[] scheme : new String[][] {{"purelib/", ""}, {"platlib/", ""}, {"scripts/", BIN}, {"data/", ""}}) {
                if (rest.startsWith(scheme[0])) {
                    return rest.equals(scheme[0]) ? scheme[1] : scheme[1] + rest.substring(scheme[0].length());
                }
                if (rest.equals(scheme[0].substring(0, scheme[0].length() - 1))) {
                    return scheme[1];
                }
            }
        }
        return name;
    }

    /**
     * Whether a file may be a native executable: by its mode (executable, on a wheel made on Unix: names such as
     * {@code ffmpeg-linux-x86_64-v7.0.2} have dots), or by its name: no extension (cmake, ninja, node,
     * clang-format ship so inside their packages), or {@code .exe}; only such files are read to tell.
     */
    private static boolean mayBeExecutable(ZipRecord entry, String installed) {
        String file = installed.substring(installed.lastIndexOf('/') + 1);
        return !file.isEmpty() && (file.indexOf('.') < 0 || file.endsWith(".exe")
                || entry.madeOnUnix() && (entry.unixMode() & 0111) != 0 && !file.endsWith(".py"));
    }

    /** The first bytes of an entry (enough to tell an executable's format or read a {@code #!} line). */
    private static byte[] head(Wheel wheel, ZipRecord entry) throws IOException {
        if (entry.isDirectory()) {
            return new byte[0];
        }
        try (InputStream in = wheel.inputStream(entry)) {
            return in.readNBytes(128);
        }
    }

    /**
     * Adds the folders above {@code path}, deepest first, up to the first one there already: a folder is only
     * ever added with every folder above it, so the ones above that are there too.
     */
    private static void addParents(TreeMap<String, ZipRecord> layout, String path) {
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        for (int i = path.lastIndexOf('/', end - 1); i >= 0; i = path.lastIndexOf('/', i - 1)) {
            String parent = path.substring(0, i + 1);
            if (layout.containsKey(parent)) {
                return;
            }
            layout.put(parent, null);
        }
    }

    private static int mode(ZipRecord entry, String installed) {
        boolean executable = entry.madeOnUnix() && (entry.unixMode() & 0111) != 0;
        return executable || installed.startsWith(BIN) ? ZipWriter.EXECUTABLE_MODE : ZipWriter.FILE_MODE;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
