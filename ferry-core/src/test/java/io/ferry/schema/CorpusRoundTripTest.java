package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema of the migra corpus (read from the shared folder, never copied into the project)
 * survives read → script → rebuild → read unchanged.
 */
@ExtendWith(PostgresExtension.class)
class CorpusRoundTripTest {
    /**
     * Files that are known not to round-trip, with the reason. Each is asserted to still fail, so
     * that fixing one shows up here rather than going unnoticed.
     */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    static Path corpus() {
        String shared = System.getProperty("ferry.shared.dir");
        assertTrue(shared != null, "system property ferry.shared.dir is not set (the parent POM sets it)");
        return Path.of(shared, "corpora", "migra");
    }

    static Stream<Arguments> files() throws IOException {
        try (Stream<Path> cases = Files.list(corpus())) {
            List<Path> folders = cases.filter(Files::isDirectory).sorted().toList();
            return folders.stream().flatMap(folder -> Stream.of("a.sql", "b.sql")
                    .map(file -> Arguments.of(folder.getFileName() + "/" + file)));
        }
    }

    @Test
    void theCorpusHasAllItsCases() throws IOException {
        assertTrue(files().count() == 52, "expected 26 cases of a.sql and b.sql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void roundTrip(String file) throws IOException {
        String sql = Files.readString(corpus().resolve(file));
        String hint = file.replace('/', '_');
        String knownReason = KNOWN_FAILURES.get(file);
        if (knownReason == null) {
            RoundTrip.Result result = RoundTrip.assertRoundTrip(sql, hint);
            assertFalse(result.source().tables().isEmpty() && result.source().views().isEmpty()
                    && result.source().extensions().size() <= 1, file + " read as empty");
        } else {
            assertThrows(AssertionError.class, () -> RoundTrip.assertRoundTrip(sql, hint),
                    file + " is listed as a known failure (" + knownReason + ") but now passes: remove it from the list");
        }
    }
}
