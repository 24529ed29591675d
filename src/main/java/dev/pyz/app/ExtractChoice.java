package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.wheel.WheelFileName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which wheels reach the disk at run time: those with native code, and those the user names. */
public final class ExtractChoice {
    private ExtractChoice() {}

    /** The wheels, with the named distributions marked for extraction; an unknown name is an error. */
    public static List<PackedWheel> apply(List<PackedWheel> wheels, List<String> names) throws PyzException {
        if (names == null || names.isEmpty()) {
            return wheels;
        }
        Set<String> wanted = new TreeSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                wanted.add(WheelFileName.normalize(n.strip()));
            }
        }
        Set<String> unknown = new TreeSet<>(wanted);
        List<PackedWheel> result = new ArrayList<>();
        for (PackedWheel w : wheels) {
            String name = WheelFileName.normalize(w.name());
            unknown.remove(name);
            result.add(wanted.contains(name) && !w.extract() ? w.withExtract(true) : w);
        }
        if (!unknown.isEmpty()) {
            throw new PyzException("extractWheels names " + String.join(", ", unknown)
                    + ", which no bundled wheel is; the bundled distributions are "
                    + String.join(", ", wheels.stream().map(w -> WheelFileName.normalize(w.name())).sorted().toList()));
        }
        return result;
    }
}
