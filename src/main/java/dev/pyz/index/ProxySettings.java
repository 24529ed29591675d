package dev.pyz.index;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP proxy (from settings.xml's {@code <proxy>}): where it is, its credentials, and the hosts reached
 * without it ({@code nonProxyHosts}, {@code *} as a wildcard, as Maven writes them).
 */
public record ProxySettings(String host, int port, Optional<Credentials> credentials, List<String> nonProxyHosts) {
    public ProxySettings {
        credentials = credentials == null ? Optional.empty() : credentials;
        nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
    }

    /** Whether {@code host} is reached without the proxy. */
    public boolean bypasses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (!p.isEmpty() && h.matches(("\\Q" + p + "\\E").replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }
}
