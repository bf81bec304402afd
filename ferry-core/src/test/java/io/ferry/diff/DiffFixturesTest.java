package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ferry's own fixture pairs, one per ordering pitfall the peers have stumbled on (see each a.sql):
 * diff, apply, and the second diff must be empty.
 */
@ExtendWith(PostgresExtension.class)
class DiffFixturesTest {
    static List<String> cases() {
        return List.of("pk_referenced_by_fks", "type_change_under_view_chain", "drop_column_used_by_fk",
                "sequence_ownership", "enum_value_removal", "hostile_identifiers", "function_in_default_and_check");
    }

    static String fixture(String name, String file) {
        try (InputStream in = DiffFixturesTest.class.getResourceAsStream("/diff-fixtures/" + name + "/" + file)) {
            assertTrue(in != null, "missing fixture " + name + "/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's rows.sql (rows for side a that the change must keep), or nothing. */
    static String rows(String name) {
        try (InputStream in = DiffFixturesTest.class.getResourceAsStream("/diff-fixtures/" + name + "/rows.sql")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyAndRediff(String name) {
        ApplyAndRediff.Result result = ApplyAndRediff.assertConverges(fixture(name, "a.sql"), rows(name),
                fixture(name, "b.sql"), name, DiffOptions.defaults());
        assertFalse(result.diff().isEmpty(), name);
    }

    @Test
    void everyIdentifierIsQuoted() {
        String script = ApplyAndRediff.run(fixture("hostile_identifiers", "a.sql"), fixture("hostile_identifiers", "b.sql"),
                "quoted", DiffOptions.defaults()).diff().script();
        assertTrue(script.contains("\"Evil\"\"Schema\".\"x\"\"; DROP TABLE y; --\""), script);
        assertFalse(script.contains("Evil\"Schema"), "an unquoted name slipped through:\n" + script);
    }
}
