package io.ferry.schema;

import io.ferry.test.PostgresExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ferry's own fixtures ({@code schema-fixtures/*.sql}) survive read → script → rebuild → read. */
@ExtendWith(PostgresExtension.class)
class FixtureRoundTripTest {
    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path folder = Path.of(FixtureRoundTripTest.class.getResource("/schema-fixtures").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList().stream();
        }
    }

    static String fixture(String name) throws IOException {
        try (var in = FixtureRoundTripTest.class.getResourceAsStream("/schema-fixtures/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void roundTrip(String name) throws IOException {
        RoundTrip.assertRoundTrip(fixture(name), name.replace(".sql", ""));
    }
}
