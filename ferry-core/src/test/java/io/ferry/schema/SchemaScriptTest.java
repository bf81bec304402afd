package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.script.SchemaScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ordering contract of {@link SchemaScript}, on hand-built schemas (no database needed). */
class SchemaScriptTest {
    private static final QualifiedName A_VIEW = QualifiedName.of("s", "a_view");
    private static final QualifiedName B_VIEW = QualifiedName.of("s", "b_view");
    private static final QualifiedName ORDERS = QualifiedName.of("s", "a_orders");
    private static final QualifiedName PRODUCTS = QualifiedName.of("s", "b_products");

    private static Table table(QualifiedName name) {
        return new Table(name, false, null, null, List.of(),
                List.of(new Column("id", "integer", true, null, null, null, null, false, null)),
                List.of(), false, false, "postgres", null);
    }

    private static View view(QualifiedName name, String definition) {
        return new View(name, false, definition, List.of(), List.of(), "postgres", null);
    }

    private static int indexOf(List<String> script, String start) {
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no statement starts with " + start + " in " + script);
    }

    @Test
    void dependenciesOutrankNames() {
        View a = view(A_VIEW, " SELECT 1 FROM s.b_view");
        View b = view(B_VIEW, " SELECT 1");
        Schema schema = new Schema.Builder().add(a).add(b).add(new Dependency(a.ref(), b.ref())).build();

        List<String> script = SchemaScript.create(schema);

        assertTrue(indexOf(script, "CREATE VIEW \"s\".\"b_view\"") < indexOf(script, "CREATE VIEW \"s\".\"a_view\""));
    }

    @Test
    void foreignKeysComeAfterTheKeysTheyReference() {
        Constraint fk = new Constraint(ORDERS, "fk", ConstraintKind.FOREIGN_KEY,
                "FOREIGN KEY (id) REFERENCES s.b_products(id)", false, false, true, List.of("id"), PRODUCTS,
                List.of("id"), false, null);
        Constraint pk = new Constraint(PRODUCTS, "pk", ConstraintKind.PRIMARY_KEY, "PRIMARY KEY (id)", false, false,
                true, List.of("id"), null, List.of(), false, null);
        Schema schema = new Schema.Builder().add(table(ORDERS)).add(table(PRODUCTS)).add(fk).add(pk).build();

        List<String> script = SchemaScript.create(schema);

        assertTrue(indexOf(script, "ALTER TABLE \"s\".\"b_products\" ADD CONSTRAINT \"pk\"")
                < indexOf(script, "ALTER TABLE \"s\".\"a_orders\" ADD CONSTRAINT \"fk\""));
        assertEquals(script, SchemaScript.create(schema), "the same schema gives the same script");
    }

    @Test
    void aCycleIsReportedNotHidden() {
        View a = view(A_VIEW, " SELECT 1");
        View b = view(B_VIEW, " SELECT 1");
        Schema schema = new Schema.Builder().add(a).add(b)
                .add(new Dependency(a.ref(), b.ref())).add(new Dependency(b.ref(), a.ref())).build();

        FerryException e = assertThrows(FerryException.class, () -> SchemaScript.create(schema));

        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("a_view") && e.getMessage().contains("b_view"), e.getMessage());
    }
}
