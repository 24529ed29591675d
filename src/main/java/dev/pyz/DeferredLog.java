package dev.pyz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A log that keeps what it is told, in order, until {@link #replayTo} passes it on: for work whose messages
 * are only true once something else is known (a background start, a build step done on an assumption).
 * Thread-safe.
 */
public final class DeferredLog implements Log {
    private final List<Consumer<Log>> said = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        said.add(log -> log.info(message));
    }

    @Override
    public synchronized void warn(String message) {
        said.add(log -> log.warn(message));
    }

    @Override
    public synchronized void debug(String message) {
        said.add(log -> log.debug(message));
    }

    /** True: debug messages are kept all the same; the log they are replayed to decides. */
    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    /** Says everything kept so far to {@code log}, once: what was replayed is forgotten. */
    public void replayTo(Log log) {
        List<Consumer<Log>> messages;
        synchronized (this) {
            messages = new ArrayList<>(said);
            said.clear();
        }
        messages.forEach(m -> m.accept(log));
    }
}
