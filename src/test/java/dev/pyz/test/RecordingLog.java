package dev.pyz.test;

import dev.pyz.Log;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link Log} that keeps the infos, warnings and debug lines (from any thread), for tests that assert on them. */
public final class RecordingLog implements Log {
    public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    public final List<String> debugs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void debug(String message) {
        debugs.add(message);
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }
}
