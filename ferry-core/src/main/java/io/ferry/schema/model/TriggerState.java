package io.ferry.schema.model;

/** When a trigger fires, as {@code pg_trigger.tgenabled} says and {@code ALTER TABLE ... TRIGGER} sets. */
public enum TriggerState {
    /** Fires in the normal ("origin") replication role: the default. */
    ENABLED('O', "ENABLE"),
    DISABLED('D', "DISABLE"),
    /** Fires only when {@code session_replication_role} is {@code replica}. */
    REPLICA('R', "ENABLE REPLICA"),
    ALWAYS('A', "ENABLE ALWAYS");

    private final char code;
    private final String sqlAction;

    TriggerState(char code, String sqlAction) {
        this.code = code;
        this.sqlAction = sqlAction;
    }

    public String sqlAction() {
        return sqlAction;
    }

    public static TriggerState fromCode(char code) {
        for (TriggerState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown trigger state '" + code + "'");
    }
}
