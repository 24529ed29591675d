package dev.pyz.app;

import dev.pyz.Sizes;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.cache.CacheInventory;
import dev.pyz.cache.CachePrune;
import dev.pyz.cache.PackCache;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines {@code pyz:cache-info} and {@code pyz:cache-prune} print. */
final class CacheReport {
    private CacheReport() {}

    static String header(Path root) {
        return "Pack cache " + root + " (this plugin writes packed layout " + PackCache.LAYOUT_VERSION
                + " and bytecode layout " + BytecodeCache.LAYOUT_VERSION + "):";
    }

    /** One line an entry: kind, wheel, interpreter, size, last use, layout when not the current one. */
    static String line(CacheInventory.Entry e) {
        String what = e.whole() ? e.fileName() : "(incomplete: files of a build that stopped) " + e.sha256();
        return String.format(Locale.ROOT, "  %-8s %s%s  %s  last used %s%s", e.kind().folder(), what,
                e.interpreter().isEmpty() ? "" : "  " + e.interpreter(), Sizes.human(e.bytes()), time(e.lastUse()),
                current(e) ? "" : "  (layout " + e.layout() + ", written by another plugin version)");
    }

    static boolean current(CacheInventory.Entry e) {
        String layout = e.kind() == CacheInventory.Kind.PACKED ? PackCache.LAYOUT_VERSION : BytecodeCache.LAYOUT_VERSION;
        return layout.equals(e.layout());
    }

    /** Totals per kind, and what older layouts hold. */
    static List<String> totals(List<CacheInventory.Entry> entries) {
        List<String> lines = new ArrayList<>();
        for (CacheInventory.Kind kind : CacheInventory.Kind.values()) {
            List<CacheInventory.Entry> of = entries.stream().filter(e -> e.kind() == kind).toList();
            long old = of.stream().filter(e -> !current(e)).count();
            lines.add(String.format(Locale.ROOT, "%d %s entr%s, %s%s", of.size(), kind.folder(),
                    of.size() == 1 ? "y" : "ies", Sizes.human(bytes(of)), old == 0 ? "" : " (" + old + " of an older"
                    + " layout, " + Sizes.human(bytes(of.stream().filter(e -> !current(e)).toList())) + ")"));
        }
        return lines;
    }

    static String pruned(CachePrune.Result r, Instant cutoff, boolean dryRun) {
        return String.format(Locale.ROOT, "%s %d entr%s unused since %s (%s)%s; %d in use left alone;%s %d digest memo(s)"
                + " of deleted wheel files removed", dryRun ? "Would remove" : "Removed", r.removed().size(),
                r.removed().size() == 1 ? "y" : "ies", time(cutoff), Sizes.human(r.bytesFreed()),
                dryRun ? " (dry run: nothing removed)" : "", r.inUse().size(),
                r.failed().isEmpty() ? "" : " " + r.failed().size() + " could not be removed (listed above);",
                r.digestsRemoved());
    }

    static String inUse(CacheInventory.Entry e) {
        return "In use by a running build, left alone: " + e.dir();
    }

    private static long bytes(List<CacheInventory.Entry> entries) {
        return entries.stream().mapToLong(CacheInventory.Entry::bytes).sum();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
