package io.ferry.migrate.javatest;

import io.ferry.migrate.JavaMigration;
import io.ferry.migrate.MigrationContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/** A Java migration for the tests: copies names row by row, with a capture and a check. */
public class V2_copy_names implements JavaMigration {
    @Override
    public String module() {
        return "core";
    }

    @Override
    public void migrate(MigrationContext context) throws Exception {
        context.capture("names", "SELECT count(*) FROM person");
        try (Statement st = context.connection().createStatement();
             PreparedStatement insert = context.connection().prepareStatement("INSERT INTO person_copy VALUES (?)")) {
            st.execute("CREATE TABLE person_copy (name text)");
            try (ResultSet rs = st.executeQuery("SELECT name FROM person")) {
                while (rs.next()) {
                    insert.setString(1, rs.getString(1).toUpperCase(Locale.ROOT));
                    insert.executeUpdate();
                }
            }
        }
        context.check("SELECT :names = (SELECT count(*) FROM person_copy)");
    }
}
