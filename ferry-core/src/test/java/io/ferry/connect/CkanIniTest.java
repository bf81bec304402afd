package io.ferry.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CkanIniTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Path ini(String text) throws Exception {
        return write("ckan.ini", text);
    }

    private CkanIni read(Path file, Map<String, String> variables) {
        return CkanIni.read(file, new Environment(variables, dir));
    }

    private FerryException refused(Path file, Map<String, String> variables) {
        return assertThrows(FerryException.class, () -> read(file, variables));
    }

    @Test
    void readsAppMainWithContinuationsCommentsAndInterpolation() throws Exception {
        Path file = ini("""
                # CKAN config
                [DEFAULT]
                debug = false

                [server:main]
                use = egg:Paste#http

                [app:main]
                use = egg:ckan
                ; the database
                sqlalchemy.url = postgresql://ckan_default:pass@localhost/ckan_default
                solr_url: http://127.0.0.1:8983/solr/ckan
                ckan.site_id = default
                ckan.plugins = stats text_view
                    harvest ckan_harvester
                cache_dir = %(here)s/data
                """);
        CkanIni ckan = read(file, Map.of());
        assertEquals("postgresql://ckan_default:pass@localhost/ckan_default", ckan.sqlalchemyUrl());
        assertEquals("http://127.0.0.1:8983/solr/ckan", ckan.solrUrl().orElseThrow());
        assertEquals(List.of("stats", "text_view", "harvest", "ckan_harvester"), ckan.plugins());
        assertTrue(ckan.enables("harvest"));
        assertFalse(ckan.enables("activity"));
        assertEquals(dir.toAbsolutePath() + "/data", ckan.get("cache_dir").orElseThrow());
        assertEquals(file + " line 14", ckan.setting("ckan.plugins").orElseThrow().source());
        assertEquals(List.of(file), ckan.files());
    }

    /** CKAN's own chain (ckan/tests/cli/data): three files, one in a subfolder, each naming its base. */
    @Test
    void chainedFilesInSubfoldersWithInterpolationAcrossTheChain() throws Exception {
        Path one = write("test-one.ini", """
                [app:main]
                use = config:sub/test-two.ini
                key1 = one
                var1 = 1
                one.from2 = %(var2)s
                one.from3 = %(var3)s
                part1 = one
                here.one = %(here)s
                """);
        Path two = write("sub/test-two.ini", """
                [app:main]
                use = config:../base/test-three.ini
                key1 = two
                key2 = two
                var2 = 2
                two.from3 = %(var3)s
                part1 = two
                part2 = two
                here.two = %(here)s
                sqlalchemy.url = postgresql://ckan@db/%(db_name)s
                """);
        Path three = write("base/test-three.ini", """
                [DEFAULT]
                db_name = ckan_prod
                [app:main]
                use = egg:ckan
                key1 = three
                key2 = three
                key3 = three
                var3 = 3
                parts = %(part1)s %(part2)s %(part3)s
                part1 = three
                part2 = three
                part3 = three
                here.three = %(here)s
                solr_url = http://solr:8983/solr/ckan
                """);
        CkanIni ckan = read(one, Map.of());
        assertEquals(List.of(one, two, three), ckan.files());
        assertEquals("one", ckan.get("key1").orElseThrow());
        assertEquals("two", ckan.get("key2").orElseThrow());
        assertEquals("three", ckan.get("key3").orElseThrow());
        assertEquals("2", ckan.get("one.from2").orElseThrow());
        assertEquals("3", ckan.get("one.from3").orElseThrow());
        assertEquals("3", ckan.get("two.from3").orElseThrow());
        // A value of the base takes the final values of the keys it names, as in class inheritance.
        assertEquals("one two three", ckan.get("parts").orElseThrow());
        // %(here)s is the folder of the file the value is written in.
        assertEquals(dir.toString(), ckan.get("here.one").orElseThrow());
        assertEquals(dir.resolve("sub").toString(), ckan.get("here.two").orElseThrow());
        assertEquals(dir.resolve("base").toString(), ckan.get("here.three").orElseThrow());
        // Keys a move needs, taken from whichever file sets them.
        assertEquals("postgresql://ckan@db/ckan_prod", ckan.sqlalchemyUrl());
        assertEquals(two + " line 10", ckan.setting("sqlalchemy.url").orElseThrow().source());
        assertEquals("http://solr:8983/solr/ckan", ckan.solrUrl().orElseThrow());
        assertEquals(three + " line 14", ckan.setting("solr_url").orElseThrow().source());
        assertEquals("default", ckan.siteId());
    }

    @Test
    void interpolationFromTheEnvironmentTakesOnlyCkanVariablesAsCkanDoes() throws Exception {
        Path base = write("conf/base.ini", "[app:main]\nuse = egg:ckan\nsolr_url = %(CKAN_SOLR_BASE)s/ckan\n");
        Path file = ini("[app:main]\nuse = config:conf/base.ini\nsqlalchemy.url = %(CKAN_DB_URL)s\n");
        CkanIni ckan = read(file, Map.of("CKAN_DB_URL", "postgresql://ckan@envdb/ckan",
                "CKAN_SOLR_BASE", "http://solr:8983/solr"));
        assertEquals("postgresql://ckan@envdb/ckan", ckan.sqlalchemyUrl());
        assertEquals(file + " line 3 (with CKAN_DB_URL from the environment)",
                ckan.setting("sqlalchemy.url").orElseThrow().source());
        assertEquals("http://solr:8983/solr/ckan", ckan.solrUrl().orElseThrow());
        assertEquals(base + " line 3 (with CKAN_SOLR_BASE from the environment)",
                ckan.setting("solr_url").orElseThrow().source());

        Path other = write("other.ini", "[app:main]\nsqlalchemy.url = %(MY_DB_URL)s\n");
        FerryException e = refused(other, Map.of("MY_DB_URL", "postgresql://ckan@envdb/ckan"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("CKAN config " + other + " line 2: sqlalchemy.url: %(MY_DB_URL)s is defined nowhere: not in "
                + "the config files, and CKAN takes only variables starting with CKAN_ from the environment", e.getMessage());
    }

    @Test
    void everyOverrideVariableWinsOverTheChain() throws Exception {
        Path file = ini("""
                [app:main]
                sqlalchemy.url = postgresql://a@h/x
                solr_url = http://file:8983/solr/ckan
                solr_user = file_user
                solr_password = file_password
                ckan.site_id = file_site
                ckan.datastore.write_url = postgresql://w@h/ds
                ckan.datastore.read_url = postgresql://r@h/ds
                """);
        Map<String, String> env = Map.of(
                "CKAN_SQLALCHEMY_URL", "postgresql://b@h/y",
                "CKAN_SOLR_URL", "http://env:8983/solr/ckan",
                "CKAN_SOLR_USER", "env_user",
                "CKAN_SOLR_PASSWORD", "env_password",
                "CKAN_SITE_ID", "env_site",
                "CKAN_DATASTORE_WRITE_URL", "postgresql://w2@h/ds",
                "CKAN_DATASTORE_READ_URL", "postgresql://r2@h/ds");
        CkanIni ckan = read(file, env);
        Map<String, String> keys = Map.of("sqlalchemy.url", "CKAN_SQLALCHEMY_URL", "solr_url", "CKAN_SOLR_URL",
                "solr_user", "CKAN_SOLR_USER", "solr_password", "CKAN_SOLR_PASSWORD", "ckan.site_id", "CKAN_SITE_ID",
                "ckan.datastore.write_url", "CKAN_DATASTORE_WRITE_URL",
                "ckan.datastore.read_url", "CKAN_DATASTORE_READ_URL");
        assertEquals("postgresql://w2@h/ds", ckan.datastoreWriteUrl().orElseThrow());
        assertEquals("postgresql://r2@h/ds", ckan.datastoreReadUrl().orElseThrow());
        keys.forEach((key, variable) -> {
            CkanSetting s = ckan.setting(key).orElseThrow();
            assertEquals(env.get(variable), s.value(), key);
            assertEquals("environment " + variable, s.source(), key);
        });
        // An empty variable overrides nothing, as in CKAN.
        CkanIni empty = read(file, Map.of("CKAN_SITE_ID", ""));
        assertEquals("file_site", empty.siteId());
    }

    @Test
    void theEnvvarsPluginsVariablesApplyOnlyWhenTheSiteEnablesIt() throws Exception {
        Map<String, String> env = Map.of("CKAN__SITE_ID", "docker_site", "CKAN___SQLALCHEMY__URL",
                "postgresql://docker@db/ckan", "CKANEXT__HARVEST__MQ__TYPE", "redis", "CKAN__PLUGINS", "activity",
                "CKAN_SITE_ID", "plain_site");
        Path without = write("a.ini", "[app:main]\nsqlalchemy.url = postgresql://a@h/x\nckan.plugins = harvest\n");
        CkanIni plain = read(without, env);
        assertEquals("plain_site", plain.siteId());
        assertEquals("postgresql://a@h/x", plain.sqlalchemyUrl());

        Path with = write("b.ini", "[app:main]\nsqlalchemy.url = postgresql://a@h/x\nckan.plugins = harvest envvars\n");
        CkanIni docker = read(with, env);
        // The plugin runs after CKAN's own overrides, so its variables win.
        assertEquals("docker_site", docker.siteId());
        assertEquals("environment CKAN__SITE_ID", docker.setting("ckan.site_id").orElseThrow().source());
        assertEquals("postgresql://docker@db/ckan", docker.sqlalchemyUrl());
        assertEquals("redis", docker.get("ckanext.harvest.mq.type").orElseThrow());
        // The plugins are loaded before the plugin runs: CKAN__PLUGINS changes nothing.
        assertEquals(List.of("harvest", "envvars"), docker.plugins());
    }

    @Test
    void passwordsAreShownMaskedAndRegisteredAsSecrets() throws Exception {
        Path file = ini("""
                [app:main]
                sqlalchemy.url = postgresql://ckan:dbsecret1@db/ckan
                ckan.datastore.write_url = postgresql://ds_write:dssecret2@db/datastore
                solr_url = http://solr:solrsecret3@solr:8983/solr/ckan
                solr_password = solrsecret4
                """);
        CkanIni ckan = read(file, Map.of());
        assertEquals("postgresql://ckan:***@db/ckan", ckan.setting("sqlalchemy.url").orElseThrow().shown());
        assertEquals("postgresql://ds_write:***@db/datastore",
                ckan.setting("ckan.datastore.write_url").orElseThrow().shown());
        assertEquals("http://solr:***@solr:8983/solr/ckan", ckan.setting("solr_url").orElseThrow().shown());
        assertEquals("***", ckan.setting("solr_password").orElseThrow().shown());
        for (String secret : List.of("dbsecret1", "dssecret2", "solrsecret3", "solrsecret4")) {
            assertFalse(Secrets.redact("x " + secret + " y").contains(secret), secret);
        }
    }

    @Test
    void badChainsAreOneLineNamingFileLineAndKey() throws Exception {
        Path missing = write("missing.ini", "[app:main]\n\nuse = config:sub/nope.ini\n");
        FerryException gone = refused(missing, Map.of());
        assertEquals(ErrorCode.USAGE, gone.code());
        assertEquals("CKAN config " + missing + " line 3: use: the base config " + dir.resolve("sub/nope.ini")
                + " does not exist", gone.getMessage());

        Path one = write("one.ini", "[app:main]\nuse = config:sub/two.ini\n");
        Path two = write("sub/two.ini", "[app:main]\nuse = config:../three.ini\n");
        Path three = write("three.ini", "[app:main]\nuse = config:one.ini\n");
        FerryException cycle = refused(one, Map.of());
        assertEquals(ErrorCode.USAGE, cycle.code());
        assertEquals("CKAN config " + three + " line 2: use: the chain of config files is a cycle: " + one + " -> "
                + two + " -> " + three + " -> " + one, cycle.getMessage());

        Path noScheme = write("invalid-use.ini", "[app:main]\nuse = invalid\n");
        assertTrue(refused(noScheme, Map.of()).getMessage().contains("line 2: use: 'invalid' has no scheme"));

        Path base = write("b/base.ini", "[app:main]\nckan.site_id = x\nsolr_url = %(solr_base)s/ckan\n");
        Path top = write("top.ini", "[app:main]\nuse = config:b/base.ini\n");
        FerryException undefined = refused(top, Map.of());
        assertEquals(ErrorCode.USAGE, undefined.code());
        assertEquals("CKAN config " + base + " line 3: solr_url: %(solr_base)s is defined nowhere: not in the "
                + "config files, and CKAN takes only variables starting with CKAN_ from the environment",
                undefined.getMessage());

        Path loop = write("loop.ini", "[app:main]\na = %(b)s\nb = %(a)s\n");
        assertTrue(refused(loop, Map.of()).getMessage().contains("nest more than 10 deep"));
        Path percent = write("percent.ini", "[app:main]\nckan.site_id = 100%\n");
        assertTrue(refused(percent, Map.of()).getMessage().contains("line 2: ckan.site_id: '%' must be followed"));
    }

    @Test
    void unparseableUrlsAreOneLineWithoutTheirText() throws Exception {
        Path db = ini("[app:main]\nsqlalchemy.url = mysql://ckan:topsecret9@db/ckan\n");
        FerryException e = refused(db, Map.of());
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("CKAN config " + db + " line 2: sqlalchemy.url: not a PostgreSQL "
                + "connection URL"), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret9"), e.getMessage());

        Path ds = ini("[app:main]\nsqlalchemy.url = postgresql://a@h/x\n\nckan.datastore.read_url = postgresql://r@h:port/x\n");
        assertTrue(refused(ds, Map.of()).getMessage().startsWith("CKAN config " + ds
                + " line 4: ckan.datastore.read_url: not a PostgreSQL connection URL"));

        Path solr = ini("[app:main]\nsqlalchemy.url = postgresql://a@h/x\nsolr_url = solr:8983/solr/ckan\n");
        assertEquals("CKAN config " + solr + " line 3: solr_url: not a Solr URL (the scheme is not http or https; "
                + "expected http://host:8983/solr/CORE)", refused(solr, Map.of()).getMessage());

        FerryException env = refused(ini("[app:main]\n"), Map.of("CKAN_SOLR_URL", "http://"));
        assertTrue(env.getMessage().startsWith("CKAN config environment variable CKAN_SOLR_URL: solr_url: "),
                env.getMessage());
    }

    @Test
    void missingOrMalformedFilesAreClearErrors() throws Exception {
        FerryException missing = refused(dir.resolve("nope.ini"), Map.of());
        assertEquals(ErrorCode.INPUT, missing.code());
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());
        FerryException noMain = refused(ini("[app:other]\na=b\n"), Map.of());
        assertTrue(noMain.getMessage().contains("no [app:main] section"), noMain.getMessage());
        FerryException junk = refused(ini("[app:main\nx\n"), Map.of());
        assertTrue(junk.getMessage().contains("line 1"), junk.getMessage());
        FerryException noUrl = assertThrows(FerryException.class,
                () -> read(ini("[app:main]\nckan.site_id = x\n"), Map.of()).sqlalchemyUrl());
        assertTrue(noUrl.getMessage().contains("no sqlalchemy.url"), noUrl.getMessage());
    }
}
