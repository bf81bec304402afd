package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.connect.ConnectionSpec;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A generated legacy catalog brought to a CKAN release as a site that CKAN itself upgraded would have
 * it, to start upgrades from: the CKAN pack's dgu, core and harvest modules up to the release, then
 * Ferry's traces removed (its history and the {@code ferry} schema), so only CKAN's own bookkeeping
 * says where the site is. Then the traps real sites carry, at a small rate, chosen by the seed: user
 * names CKAN's name rule refuses, active users sharing an e-mail address (releases before 2.10), and,
 * on request, resources whose dataset does not exist.
 */
public final class ReleaseCatalog {
    /** What was set up: the release and how many rows of each trap. */
    public record Traps(int invalidNames, int sharedEmails, int orphanResources) {
    }

    private ReleaseCatalog() {
    }

    /**
     * Brings the generated catalog in {@code spec} to {@code release} (2.8, 2.9 or 2.10: a 2.11 catalog
     * is what the whole pack makes) and lays the traps.
     */
    public static Traps bring(ConnectionSpec spec, CkanVersion release, long seed, int orphanResources,
                              Consumer<String> progress) {
        if (release.atLeast(CkanVersion.V2_11)) {
            throw new FerryException(ErrorCode.USAGE, "--ckan must be 2.8, 2.9 or 2.10 (a catalog at " + release
                    + " is what ferry migrate --migrations builtin:ckan makes of a generated one)");
        }
        if (orphanResources < 0) {
            throw new FerryException(ErrorCode.USAGE, "--orphan-resources cannot be negative");
        }
        // ckanext-harvest's alembic revisions (harvest 007, 008) belong to its releases for CKAN 2.9 on.
        int harvest = release == CkanVersion.V2_8 ? 6 : 8;
        ClassLoader loader = ReleaseCatalog.class.getClassLoader();
        MigrationSet ckan = MigrationSet.load(MigrationSources.resolve("builtin:ckan", loader), loader);
        Migrator migrator = new Migrator(spec, ckan, MigrationListener.NONE);
        migrator.migrate(options("dgu", null));
        migrator.migrate(options("core", "core@" + release.core()));
        migrator.migrate(options("harvest", "harvest@" + harvest));
        progress.accept("upgraded to " + release + " (core " + release.core() + ", harvest " + harvest + ")");
        try (Connection c = spec.open()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Only CKAN's own bookkeeping says where the site is, as after CKAN's own upgrades.
                st.execute("DROP TABLE ferry_schema_history");
                st.execute("DROP SCHEMA ferry CASCADE");
                String pick = "ORDER BY md5(id || '" + seed + "')";
                int names = st.executeUpdate("UPDATE \"user\" SET name = upper(left(name, 1)) || replace(substr(name, 2), '-', '.') "
                        + "WHERE id IN (SELECT id FROM \"user\" " + pick + " LIMIT greatest(1, (SELECT count(*) FROM \"user\") / 50))");
                int emails = 0;
                // CKAN 2.10's core 102 allows one active user per address: no such site has shared ones.
                if (!release.atLeast(CkanVersion.V2_10)) {
                    // Each chosen active user takes the address of the next active user in the same order.
                    emails = st.executeUpdate("UPDATE \"user\" u SET email = o.email FROM ("
                            + "SELECT id, lead(email) OVER (" + pick + ") AS email, row_number() OVER (" + pick + ") AS n "
                            + "FROM \"user\" WHERE state = 'active' AND email IS NOT NULL) o "
                            + "WHERE u.id = o.id AND o.email IS NOT NULL AND o.n % 2 = 1 "
                            + "AND o.n <= 2 * greatest(1, (SELECT count(*) FROM \"user\" WHERE state = 'active') / 100)");
                }
                int orphans = st.executeUpdate("UPDATE resource SET package_id = 'missing-' || md5(id) "
                        + "WHERE id IN (SELECT id FROM resource WHERE state = 'active' " + pick + " LIMIT " + orphanResources + ")");
                c.commit();
                progress.accept("traps: " + names + " user names CKAN refuses, " + emails
                        + " users taking another active user's e-mail address, " + orphans + " resources without their dataset");
                return new Traps(names, emails, orphans);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "could not prepare the " + release + " catalog: "
                    + SqlErrors.describe(e), e);
        }
    }

    private static MigrateOptions options(String module, String target) {
        return new MigrateOptions(Optional.of(module), Optional.ofNullable(target).map(MigrateOptions.Target::parse),
                false, false, MigrateOptions.DEFAULT_LOCK_WAIT, Duration.ofSeconds(30), 0);
    }
}
