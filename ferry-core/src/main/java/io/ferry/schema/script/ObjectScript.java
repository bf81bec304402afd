package io.ferry.schema.script;

import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import java.util.List;

/**
 * The statements that make one object of a schema, for callers that order objects themselves (the
 * schema differ). The same statements {@link SchemaScript} writes for the object.
 */
public final class ObjectScript {
    private ObjectScript() {
    }

    /**
     * Creates {@code object} as {@code schema} has it, with its comments; with its owner and
     * privileges only when {@code ownership} is true.
     */
    public static List<String> create(SchemaObject object, Schema schema, boolean ownership) {
        return ObjectStatements.of(object, schema, true, ownership);
    }

    /**
     * What defines {@code object}, without comments, owner or privileges: two objects whose
     * definitions are equal differ at most in those.
     */
    public static List<String> definition(SchemaObject object, Schema schema) {
        return ObjectStatements.of(object, schema, false, false);
    }

    /** {@code ALTER INDEX ... ATTACH PARTITION} for an index (or key) of a partition, else nothing. */
    public static List<String> attach(SchemaObject object) {
        return ObjectStatements.attachSql(object);
    }
}
