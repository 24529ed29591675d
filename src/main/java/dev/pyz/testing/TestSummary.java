package dev.pyz.testing;

import java.util.List;
import java.util.Locale;

/**
 * What a test report says: the counts, the time, and each test that failed or erred.
 *
 * @param tests every test case, skipped ones included
 * @param failed the failed and erred tests, in report order
 */
public record TestSummary(int tests, int failures, int errors, int skipped, double seconds, List<Failed> failed) {
    /** No report: no test ran. */
    public static final TestSummary NONE = new TestSummary(0, 0, 0, 0, 0, List.of());

    /** One test that did not pass: its name (classname.name), {@code failure} or {@code error}, and the message. */
    public record Failed(String name, String kind, String message) {}

    /** Whether a test failed or erred. */
    public boolean hasFailures() {
        return failures + errors > 0;
    }

    /** The line surefire prints: "Tests run: 12, Failures: 1, Errors: 0, Skipped: 2, Time elapsed: 0.52 s". */
    public String line() {
        return String.format(Locale.ROOT, "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: %.2f s",
                tests, failures, errors, skipped, seconds);
    }
}
