package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.wheel.WheelFileName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which wheels reach the disk at run time: those with native code, those the user names in
 * {@code extractWheels}; and which stay in the archive although they would not: those named in
 * {@code zipSafeWheels} (never a wheel with native code, which cannot be imported from a zip).
 */
public final class ExtractChoice {
    private ExtractChoice() {}

    /** The wheels, each marked for extraction or not; an unknown name is an error. */
    public static List<PackedWheel> decide(List<PackedWheel> wheels, ZipappSettings.Extraction choice, Log log)
            throws PyzException {
        Set<String> bundled = new TreeSet<>();
        wheels.forEach(w -> bundled.add(WheelFileName.normalize(w.name())));
        unknown("extractWheels", choice.extractWheels(), bundled);
        unknown("zipSafeWheels", choice.zipSafeWheels(), bundled);
        List<PackedWheel> result = new ArrayList<>();
        for (PackedWheel w : wheels) {
            String name = WheelFileName.normalize(w.name());
            if (choice.zipSafeWheels().contains(name)) {
                if (w.extract()) {
                    throw new PyzException("zipSafeWheels names " + name + ", but " + w.fileName() + " holds native code,"
                            + " which cannot be imported from a zip: remove it from zipSafeWheels");
                }
                result.add(w);
            } else if (choice.extractWheels().contains(name) && !w.extract()) {
                log.info("Extracting " + w.fileName() + " at run time: named in extractWheels");
                result.add(w.withExtract(true));
            } else {
                result.add(w);
            }
        }
        return result;
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
