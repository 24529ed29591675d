package dev.pyz.cache;

import java.util.Objects;

/**
 * The check of a packed wheel's info file taken from a shared store: everything it says that packing
 * here finds again (without reading the wheel's files) must be the same; only what the reading checks
 * found (RECORD, zip-safety) is taken from it.
 */
final class FetchedEntry {
    private FetchedEntry() {}

    /** The first difference between what packing here found and what the store's info file says, or null. */
    static String differs(PackedWheel here, PackedWheel stored) {
        Object[][] fields = { // compared with equals, lists too (their text could be alike for different lists)
            {"name", here.name(), stored.name()},
            {"version", here.version(), stored.version()},
            {"requires_python", here.requiresPython().orElse(""), stored.requiresPython().orElse("")},
            {"requires_dist", here.requirements().requiresDist(), stored.requirements().requiresDist()},
            {"provides_extra", here.requirements().providesExtra(), stored.requirements().providesExtra()},
            {"dist_info", here.distInfo(), stored.distInfo()},
            {"entries", String.valueOf(here.entries()), String.valueOf(stored.entries())},
            {"top_level", here.topLevel(), stored.topLevel()},
            {"scripts", here.scripts(), stored.scripts()},
            {"native", here.evidence().nativeCode().orElse(""), stored.evidence().nativeCode().orElse("")},
            {"bin", here.evidence().bin(), stored.evidence().bin()},
        };
        for (Object[] f : fields) {
            if (!Objects.equals(f[1], f[2])) {
                return f[0] + " is '" + f[2] + "', packing here finds '" + f[1] + "'";
            }
        }
        return null;
    }
}
