package dev.pyz;

/** The few log levels the build classes use; the mojos adapt Maven's logger to it. */
public interface Log {
    void info(String message);

    void warn(String message);

    void debug(String message);

    boolean isDebugEnabled();

    /** A log that drops everything, for tests and tools. */
    Log NONE = new Log() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };
}
