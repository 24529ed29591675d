package dev.pyz.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password for an index (from settings.xml's {@code <server>}) or a proxy. */
public record Credentials(String username, String password) {
    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** The value of an {@code Authorization} (or {@code Proxy-Authorization}) header: HTTP Basic. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return username + ":***";
    }
}
