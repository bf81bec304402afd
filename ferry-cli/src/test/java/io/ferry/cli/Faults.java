package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the fault suites share: database fingerprints, password-checked roles, trial counts, the tally report. */
final class Faults {
    /** A role that must log in with its password over TCP (scram), for wrong-password and secrets cases. */
    static final String PASSWORD_ROLE = "ferry_pw_role";
    static final String PASSWORD = "Pw-S3cr3t-tok3n";
    /** A role whose password holds every character a URL gives meaning to. */
    static final String ODD_ROLE = "ferry_odd_role";
    static final String ODD_PASSWORD = "p@ss:w/rd?x#y%z";
    /** A login without superuser rights, for permission-denied cases. */
    static final String PLAIN_ROLE = "ferry_plain_role";
    static final String PLAIN_PASSWORD = "Pl41n-S3cr3t";

    private static boolean rolesReady;

    private Faults() {
    }

    /** Appends a line to the report faults/run-all.sh reads ({@code ferry.faults.report}), when one is asked for. */
    static synchronized void report(String line) throws IOException {
        String report = System.getProperty("ferry.faults.report");
        if (report != null) {
            Files.writeString(Path.of(report), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Prints and reports a suite's tally line, then fails if any trial did. */
    static void tally(String line, List<String> failures) throws IOException {
        System.out.println(line);
        report(line);
        assertEquals(List.of(), failures, line);
    }

    /** How many trials a suite runs: a few in the test suite, more when faults/run-all.sh asks. */
    static int trials(String suite, int quick) {
        String value = System.getProperty("ferry.faults." + suite + ".trials");
        return value == null ? quick : Integer.parseInt(value);
    }

    /**
     * Creates the password roles once per test JVM. The embedded server trusts local logins, so
     * lines for these roles alone are put first in its pg_hba.conf: they must give a password
     * (scram-sha-256), everyone else still connects as before.
     */
    static synchronized void passwordRoles() throws Exception {
        if (rolesReady) {
            return;
        }
        TestDatabase admin = new TestDatabase("postgres", PostgresExtension.server().connection("postgres"));
        admin.execute("SET password_encryption = 'scram-sha-256';"
                + "CREATE ROLE " + PASSWORD_ROLE + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "';"
                + "CREATE ROLE " + ODD_ROLE + " LOGIN SUPERUSER PASSWORD '" + ODD_PASSWORD + "';"
                + "CREATE ROLE " + PLAIN_ROLE + " LOGIN PASSWORD '" + PLAIN_PASSWORD + "'");
        Path hba = Path.of(admin.queryString("SHOW hba_file"));
        StringBuilder lines = new StringBuilder();
        for (String role : List.of(PASSWORD_ROLE, ODD_ROLE, PLAIN_ROLE)) {
            lines.append("host all ").append(role).append(" 127.0.0.1/32 scram-sha-256\n");
            lines.append("host all ").append(role).append(" ::1/128 scram-sha-256\n");
        }
        Files.writeString(hba, lines + Files.readString(hba));
        admin.queryString("SELECT pg_reload_conf()");
        Thread.sleep(300);
        rolesReady = true;
    }

    /** {@code postgres://ROLE:PASSWORD@127.0.0.1:PORT/DB}, the password percent-encoded. */
    static String url(String role, String password, TestDatabase db) {
        return "postgres://" + role + ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "@127.0.0.1:" + db.spec().port() + "/" + db.name();
    }

    /**
     * Every relation outside the system schemas with its kind, and every table's row count and an
     * order-independent hash of its rows: equal fingerprints mean nothing was added, dropped or changed.
     */
    static String fingerprint(TestDatabase db) throws Exception {
        List<String> parts = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            List<String[]> relations = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', "
                    + "'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
                    + "ORDER BY 1, 2")) {
                while (rs.next()) {
                    relations.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] r : relations) {
                String name = io.ferry.sql.Identifiers.quote(r[0]) + "." + io.ferry.sql.Identifiers.quote(r[1]);
                String part = r[0] + "." + r[1] + ":" + r[2];
                if (r[2].equals("r")) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) || '/' || coalesce(sum(hashtextextended("
                            + "t::text, 7)), 0) FROM " + name + " t")) {
                        rs.next();
                        part += "=" + rs.getString(1);
                    }
                }
                parts.add(part);
            }
            try (ResultSet rs = st.executeQuery("SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension")) {
                rs.next();
                parts.add("extensions=" + rs.getString(1));
            }
        }
        return String.join("\n", parts);
    }
}
