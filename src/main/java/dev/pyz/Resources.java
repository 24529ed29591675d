package dev.pyz;

import java.io.IOException;
import java.io.InputStream;

/** The plugin's own files shipped in its jar (the bootstrap, the compiler and test-runner scripts). */
public final class Resources {
    private Resources() {}

    /** The bytes of the resource {@code name}, relative to {@code owner}'s package unless it starts with '/'. */
    public static byte[] read(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the plugin's resource " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }
}
