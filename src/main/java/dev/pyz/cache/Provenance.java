package dev.pyz.cache;

import dev.pyz.PyzException;
import dev.pyz.wheel.WheelFileName;
import java.util.Locale;

/**
 * Whether a wheel is what it says it is: the name and version in its METADATA against its file name and,
 * when it came from Maven, its coordinates (artifactId, version).
 */
final class Provenance {
    private Provenance() {}

    static void check(WheelInput input, WheelFileName parsed, PackedWheel wheel) throws PyzException {
        String metadata = wheel.distInfo() + "/METADATA";
        if (!WheelFileName.normalize(parsed.name()).equals(WheelFileName.normalize(wheel.name()))) {
            throw new PyzException(input.origin() + ": wheel " + parsed.fileName() + " is named '" + parsed.name()
                    + "' but its " + metadata + " says Name: " + wheel.name());
        }
        if (!sameVersion(parsed.version(), wheel.version())) {
            throw new PyzException(input.origin() + ": wheel " + parsed.fileName() + " has version '" + parsed.version()
                    + "' but its " + metadata + " says Version: " + wheel.version());
        }
        if (input.expectedName().isPresent()
                && !WheelFileName.normalize(input.expectedName().get()).equals(WheelFileName.normalize(wheel.name()))) {
            throw new PyzException(input.origin() + ": the artifactId '" + input.expectedName().get()
                    + "' does not match the distribution name in " + parsed.fileName() + " (" + metadata + " says Name: "
                    + wheel.name() + "); the artifactId must be the normalized name, here '"
                    + WheelFileName.normalize(wheel.name()) + "'");
        }
        if (input.expectedVersion().isPresent() && !sameVersion(input.expectedVersion().get(), wheel.version())) {
            throw new PyzException(input.origin() + ": the version '" + input.expectedVersion().get()
                    + "' does not match " + parsed.fileName() + " (" + metadata + " says Version: " + wheel.version() + ")");
        }
    }

    private static boolean sameVersion(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
