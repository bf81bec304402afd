package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SequencesTest {
    /** A sequence never used has no position to carry; setting 0 would be out of its range. */
    @Test
    void aSequenceNeverUsedKeepsItsStateOnTheTarget(TestDatabase source, TestDatabase target) throws Exception {
        String schema = "CREATE TABLE used (id serial PRIMARY KEY); CREATE TABLE unused (id serial PRIMARY KEY);";
        source.execute(schema + "INSERT INTO used DEFAULT VALUES; INSERT INTO used DEFAULT VALUES;");
        target.execute(schema);
        try (Connection s = source.open(); Connection t = target.open()) {
            List<Sequences.Position> positions = Sequences.read(s);
            assertEquals(List.of(new Sequences.Position("public", "unused_id_seq", null),
                            new Sequences.Position("public", "used_id_seq", 2L)),
                    positions.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
            assertEquals(1, Sequences.apply(t, positions));
        }
        assertEquals(2, target.queryLong("SELECT last_value FROM used_id_seq"));
        target.execute("INSERT INTO unused DEFAULT VALUES");
        assertEquals(1, target.queryLong("SELECT max(id) FROM unused"));
    }
}
