package io.ferry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryException;
import org.junit.jupiter.api.Test;

class MigrationVersionTest {

    @Test
    void comparesNumericallyWhateverTheWidth() {
        assertTrue(MigrationVersion.parse("9").isBefore(MigrationVersion.parse("10")));
        assertEquals(MigrationVersion.parse("072"), MigrationVersion.parse("72"));
        assertEquals("72", MigrationVersion.parse("0072").toString());
        assertTrue(MigrationVersion.parse("123456789012345678901234567890").isAfter(MigrationVersion.of(Long.MAX_VALUE)));
    }

    @Test
    void rejectsWhatIsNotDigits() {
        assertThrows(FerryException.class, () -> MigrationVersion.parse("1.2"));
        assertThrows(FerryException.class, () -> MigrationVersion.parse(""));
        assertThrows(FerryException.class, () -> MigrationVersion.parse("-3"));
    }
}
