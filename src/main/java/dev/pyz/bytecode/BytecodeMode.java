package dev.pyz.bytecode;

import dev.pyz.PyzException;
import java.util.Locale;

/**
 * Whether the zipapp carries bytecode: {@code auto} compiles when a suitable interpreter is found and
 * warns otherwise, {@code required} fails the build without one, {@code off} never compiles.
 */
public enum BytecodeMode {
    AUTO, REQUIRED, OFF;

    public static BytecodeMode parse(String text) throws PyzException {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PyzException("bytecode '" + text + "' is not one of auto, required, off");
        }
    }
}
