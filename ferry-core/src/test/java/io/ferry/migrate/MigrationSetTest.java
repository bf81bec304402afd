package io.ferry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationSetTest {
    @TempDir
    Path dir;

    private MigrationFiles files() {
        return new MigrationFiles(dir);
    }

    @Test
    void readsModulesVersionsAndProperties() {
        MigrationSet set = files()
                .write("core/010_ten.sql", "SELECT 1;")
                .write("core/9_nine.sql", "SELECT 1;")
                .write("core/README.txt", "not a migration")
                .write("harvest/001_tables.sql", "SELECT 1;")
                .write("harvest/module.properties", "requires=core>=86, other>=3\nafter=dgu\n")
                .write("ckan/module.properties", "baseline=migrate_version")
                .load();
        ModuleDefinition core = set.module("core");
        assertEquals(List.of("9", "10"), core.migrations().stream().map(m -> m.version().toString()).toList());
        assertEquals("nine", core.migrations().get(0).description());
        ModuleDefinition harvest = set.module("harvest");
        assertEquals(List.of(new Requirement("core", MigrationVersion.of(86)),
                new Requirement("other", MigrationVersion.of(3))), harvest.requires());
        assertEquals(java.util.Set.of("dgu"), harvest.after());
        assertEquals(List.of(Baseline.MIGRATE_VERSION), set.module("ckan").baselines());
    }

    @Test
    void aModuleMayNameThePluginItBelongsTo() {
        MigrationSet set = files()
                .write("core/001_a.sql", "SELECT 1;")
                .write("harvest/001_a.sql", "SELECT 1;")
                .write("harvest/module.properties", "plugin = harvest\n")
                .load();
        assertEquals("harvest", set.module("harvest").plugin());
        assertEquals(null, set.module("core").plugin());
        assertEquals(java.util.Set.of("core"), set.without(List.of("harvest")).modules().keySet());
        FerryException two = assertThrows(FerryException.class, () -> files()
                .write("harvest/module.properties", "plugin=harvest activity\n")
                .load());
        assertEquals(ErrorCode.CONFIGURATION, two.code());
        assertTrue(two.getMessage().contains("harvest/module.properties: plugin must be one plugin name"),
                two.getMessage());
    }

    @Test
    void duplicateVersionNamesBothFiles() {
        FerryException e = assertThrows(FerryException.class, () -> files()
                .write("core/072_a.sql", "SELECT 1;")
                .write("core/72_b.sql", "SELECT 1;")
                .load());
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("core/072_a.sql") && e.getMessage().contains("core/72_b.sql"),
                e.getMessage());
    }

    @Test
    void malformedPropertiesAreRejectedWithTheFileName() {
        FerryException unknown = assertThrows(FerryException.class, () -> files()
                .write("core/001_a.sql", "SELECT 1;")
                .write("core/module.properties", "require=x>=1")
                .load());
        assertTrue(unknown.getMessage().contains("core/module.properties: unknown key 'require'"), unknown.getMessage());
        FerryException badRequirement = assertThrows(FerryException.class, () -> files()
                .write("core/module.properties", "requires=x>=one")
                .load());
        assertTrue(badRequirement.getMessage().contains("malformed requirement 'x>=one'"), badRequirement.getMessage());
        FerryException badBaseline = assertThrows(FerryException.class, () -> files()
                .write("core/module.properties", "baseline=flyway")
                .load());
        assertTrue(badBaseline.getMessage().contains("baseline must be"), badBaseline.getMessage());
    }

    @Test
    void severalBaselineSourcesAreTriedInTheirOrder() {
        MigrationSet set = files()
                .write("core/001_a.sql", "SELECT 1;")
                .write("core/module.properties", "baseline=alembic_version, migrate_version")
                .load();
        assertEquals(List.of(Baseline.ALEMBIC_VERSION, Baseline.MIGRATE_VERSION), set.module("core").baselines());
        FerryException bad = assertThrows(FerryException.class, () -> files()
                .write("core/module.properties", "baseline=alembic_version,flyway")
                .load());
        assertTrue(bad.getMessage().contains("not 'flyway'"), bad.getMessage());
    }

    @Test
    void aPluginsOwnAlembicTableIsABaselineSource() {
        MigrationSet set = files()
                .write("activity/001_71713a055d5c_a.sql", "SELECT 1;")
                .write("activity/module.properties", "baseline=activity_alembic_version")
                .load();
        assertEquals(List.of(new Baseline(Baseline.Kind.ALEMBIC, "activity_alembic_version")),
                set.module("activity").baselines());
        FerryException bad = assertThrows(FerryException.class, () -> files()
                .write("activity/module.properties", "baseline=activity_version")
                .load());
        assertTrue(bad.getMessage().contains("<plugin>_alembic_version, not 'activity_version'"), bad.getMessage());
    }

    @Test
    void directivesAreCheckedWhenRead() {
        FerryException late = assertThrows(FerryException.class, () -> files()
                .write("core/001_a.sql", "SELECT 1;\n-- ferry:no-transaction\n")
                .load());
        assertTrue(late.getMessage().contains("core/001_a.sql:2"), late.getMessage());
        FerryException typo = assertThrows(FerryException.class, () -> files()
                .write("core/001_a.sql", "-- ferry:asert SELECT true\n")
                .load());
        assertTrue(typo.getMessage().contains("unknown directive"), typo.getMessage());
    }

    @Test
    void sqlFilesMustLiveInModuleFoldersAndBeNumbered() {
        assertThrows(FerryException.class, () -> files().write("001_loose.sql", "SELECT 1;").load());
        FerryException unnumbered = assertThrows(FerryException.class, () -> new MigrationFiles(dir.resolve("x"))
                .write("core/V1__flyway_style.sql", "SELECT 1;").load());
        assertTrue(unnumbered.getMessage().contains("NNN_description.sql"), unnumbered.getMessage());
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        Migration lf = files().write("a/001_x.sql", "SELECT 1;\nSELECT 2;\n").load().module("a").migrations().get(0);
        Migration crlf = new MigrationFiles(dir.resolve("b")).write("a/001_x.sql", "SELECT 1;\r\nSELECT 2;\r\n").load()
                .module("a").migrations().get(0);
        Migration other = new MigrationFiles(dir.resolve("c")).write("a/001_x.sql", "SELECT 1;\nSELECT 3;\n").load()
                .module("a").migrations().get(0);
        assertEquals(lf.checksum(), crlf.checksum());
        assertFalse(lf.checksum().equals(other.checksum()));
    }

    @Test
    void moduleOrderFollowsRequiresAndSoftEdges() {
        MigrationSet set = files()
                .write("core/001_a.sql", "SELECT 1;")
                .write("harvest/001_a.sql", "SELECT 1;")
                .write("harvest/module.properties", "requires=core>=1")
                .write("dgu/001_a.sql", "SELECT 1;")
                .write("dgu/module.properties", "before=core")
                .write("zeta/001_a.sql", "SELECT 1;")
                .load();
        List<String> order = ModuleOrder.order(set.all()).stream().map(ModuleDefinition::name).toList();
        assertEquals(List.of("dgu", "core", "harvest", "zeta"), order);
    }

    @Test
    void cycleIsNamed() {
        MigrationSet set = files()
                .write("a/001_a.sql", "SELECT 1;")
                .write("a/module.properties", "requires=c")
                .write("b/001_a.sql", "SELECT 1;")
                .write("b/module.properties", "requires=a")
                .write("c/001_a.sql", "SELECT 1;")
                .write("c/module.properties", "after=b")
                .load();
        FerryException e = assertThrows(FerryException.class, () -> ModuleOrder.order(set.all()));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("a -> b -> c -> a"), e.getMessage());
    }
}
