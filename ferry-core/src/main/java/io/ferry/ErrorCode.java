package io.ferry;

/**
 * Every failure Ferry reports carries one of these codes. The command line maps each code to its
 * process exit code, so scripts can tell "the schemas differ" from "the migration failed".
 */
public enum ErrorCode {
    /** Bad arguments or options; nothing was done. */
    USAGE(2),
    /** A check found differences or problems (validate, verify, diff, out-of-order files). */
    VALIDATION_FAILED(3),
    /** A migration's SQL failed; its transaction was rolled back. */
    MIGRATION_FAILED(4),
    /** A data assertion was false or could not be evaluated; the migration was rolled back. */
    ASSERTION_FAILED(4),
    /** Another Ferry process held the migration lock for longer than allowed. */
    LOCK_TIMEOUT(5),
    /** A destructive change was refused because --unsafe was not given. */
    UNSAFE_CHANGE(6),
    /** Migration files or module definitions are inconsistent (duplicates, cycles, missing requirements). */
    CONFIGURATION(3),
    /** The database could not be reached or refused the login. */
    CONNECTION(1),
    /** An input file could not be read or is malformed. */
    INPUT(1),
    /** Anything else: a bug or an unexpected server state. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code the command line uses for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
