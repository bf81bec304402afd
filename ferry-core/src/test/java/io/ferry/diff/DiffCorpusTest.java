package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 26 pairs of the migra corpus (read from the shared folder, never copied into the project):
 * diff a → b with everything compared (privileges too, destructive changes included), apply, and
 * the second diff must be empty. Where a case's change must keep a table's data, rows are put into
 * side a first and must survive the upgrade ({@link #rows}).
 */
@ExtendWith(PostgresExtension.class)
class DiffCorpusTest {
    /** Cases known to fail, with the reason; each is asserted to still fail. */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    static Path corpus() {
        String shared = System.getProperty("ferry.shared.dir");
        assertTrue(shared != null, "system property ferry.shared.dir is not set (the parent POM sets it)");
        return Path.of(shared, "corpora", "migra");
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> cases = Files.list(corpus())) {
            List<String> names = cases.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            return names.stream();
        }
    }

    /**
     * Rows for side a of a case, where its change must keep a table's data ({@code diff-rows/NAME.sql}
     * in the test resources: the corpus itself holds schemas only); empty when the case has none.
     */
    static String rows(String name) throws IOException {
        try (InputStream in = DiffCorpusTest.class.getResourceAsStream("/diff-rows/" + name + ".sql")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCorpusHasAllItsCases() throws IOException {
        assertEquals(26, cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyAndRediff(String name) throws IOException {
        String a = Files.readString(corpus().resolve(name).resolve("a.sql"));
        String b = Files.readString(corpus().resolve(name).resolve("b.sql"));
        DiffOptions options = DiffOptions.defaults().withPrivileges(true);
        String known = KNOWN_FAILURES.get(name);
        if (known == null) {
            ApplyAndRediff.Result result = ApplyAndRediff.assertConverges(a, rows(name), b, name, options);
            assertFalse(result.diff().isEmpty(), name + ": the two schemas differ, so the diff must not be empty");
        } else {
            assertThrows(AssertionError.class, () -> ApplyAndRediff.assertConverges(a, b, name, options),
                    name + " is listed as a known failure (" + known + ") but now passes: remove it from the list");
        }
    }
}
