package io.ferry;

import java.util.Objects;

/**
 * The one exception Ferry throws for anything a user should see. The message is a single line meant
 * for a person (it never contains a password); the code says what kind of failure it was.
 */
public class FerryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public FerryException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FerryException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
