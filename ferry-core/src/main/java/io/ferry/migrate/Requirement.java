package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/** A hard edge between modules: {@code harvest} requires {@code core>=86}. */
public record Requirement(String module, MigrationVersion atLeast) {

    /** Parses {@code module>=version}, or a bare {@code module} (any version). */
    public static Requirement parse(String text, String where) {
        String trimmed = text.strip();
        int op = trimmed.indexOf(">=");
        if (op < 0) {
            if (!ModuleDefinition.isValidName(trimmed)) {
                throw new FerryException(ErrorCode.CONFIGURATION, where + ": malformed requirement '" + trimmed
                        + "' (expected module>=version)");
            }
            return new Requirement(trimmed, MigrationVersion.ZERO);
        }
        String module = trimmed.substring(0, op).strip();
        String version = trimmed.substring(op + 2).strip();
        if (!ModuleDefinition.isValidName(module) || version.isEmpty()
                || !version.chars().allMatch(Character::isDigit)) {
            throw new FerryException(ErrorCode.CONFIGURATION, where + ": malformed requirement '" + trimmed
                    + "' (expected module>=version)");
        }
        return new Requirement(module, MigrationVersion.parse(version));
    }

    @Override
    public String toString() {
        return module + ">=" + atLeast;
    }
}
