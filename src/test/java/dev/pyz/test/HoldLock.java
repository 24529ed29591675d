package dev.pyz.test;

import dev.pyz.cache.EntryLocks;
import java.nio.file.Path;

/**
 * Another process holding a cache entry: takes the shared lock on the lock file named by the first argument
 * (as a build using the entry does), prints {@code held}, and keeps it until its standard input closes.
 */
public final class HoldLock {
    private HoldLock() {}

    public static void main(String[] args) throws Exception {
        try (EntryLocks.Held held = EntryLocks.acquireShared(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }

    /** Starts a process holding {@code lockFile}, returning once it holds it. */
    public static Process start(Path lockFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                lockFile.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock holder said " + line);
        }
        return p;
    }

    /** Ends a holder started by {@link #start}: closes its input and waits for it. */
    public static void stop(Process p) throws Exception {
        p.getOutputStream().close();
        p.waitFor();
    }
}
