package dev.pyz;

import java.io.IOException;

/**
 * A problem with the input or the environment that the user can act on. Its message names the file, the
 * entry and the rule that was broken, and is shown to the user as it is.
 */
public class PyzException extends IOException {
    private static final long serialVersionUID = 1L;

    public PyzException(String message) {
        super(message);
    }

    public PyzException(String message, Throwable cause) {
        super(message, cause);
    }
}
