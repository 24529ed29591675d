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
    private Log target; // once set, messages go straight to it

    @Override
    public void info(String message) {
        say(log -> log.info(message));
    }

    @Override
    public void warn(String message) {
        say(log -> log.warn(message));
    }

    @Override
    public void debug(String message) {
        say(log -> log.debug(message));
    }

    private synchronized void say(Consumer<Log> message) {
        if (target != null) {
            message.accept(target);
        } else {
            said.add(message);
        }
    }

    /** True: debug messages are kept all the same; the log they are replayed to decides. */
    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    /** Says everything kept so far to {@code log}, once: what was replayed is forgotten. */
    public synchronized void replayTo(Log log) {
        said.forEach(m -> m.accept(log));
        said.clear();
    }

    /** Says everything kept so far to {@code log}, and from now on passes every message straight to it. */
    public synchronized void passTo(Log log) {
        replayTo(log);
        target = log;
    }
}
