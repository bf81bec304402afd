package io.ferry.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CkanIniTest {
    @TempDir
    Path dir;

    private Path ini(String text) throws Exception {
        Path file = dir.resolve("ckan.ini");
        Files.writeString(file, text);
        return file;
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
        CkanIni ckan = CkanIni.read(file, new Environment(Map.of(), dir));
        assertEquals("postgresql://ckan_default:pass@localhost/ckan_default", ckan.sqlalchemyUrl());
        assertEquals("http://127.0.0.1:8983/solr/ckan", ckan.get("solr_url").orElseThrow());
        assertEquals("stats text_view\nharvest ckan_harvester", ckan.get("ckan.plugins").orElseThrow());
        assertEquals(dir.toAbsolutePath() + "/data", ckan.get("cache_dir").orElseThrow());
    }

    @Test
    void environmentOverridesAsCkanDoes() throws Exception {
        Path file = ini("[app:main]\nsqlalchemy.url = postgresql://a@h/x\n");
        CkanIni ckan = CkanIni.read(file, new Environment(Map.of("CKAN_SQLALCHEMY_URL", "postgresql://b@h/y"), dir));
        assertEquals("postgresql://b@h/y", ckan.sqlalchemyUrl());
    }

    @Test
    void missingOrMalformedFilesAreClearErrors() throws Exception {
        Environment env = new Environment(Map.of(), dir);
        FerryException missing = assertThrows(FerryException.class, () -> CkanIni.read(dir.resolve("nope.ini"), env));
        assertEquals(ErrorCode.INPUT, missing.code());
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());
        FerryException noMain = assertThrows(FerryException.class, () -> CkanIni.read(ini("[app:other]\na=b\n"), env));
        assertTrue(noMain.getMessage().contains("no [app:main] section"), noMain.getMessage());
        FerryException junk = assertThrows(FerryException.class, () -> CkanIni.read(ini("[app:main\nx\n"), env));
        assertTrue(junk.getMessage().contains("line 1"), junk.getMessage());
        FerryException noUrl = assertThrows(FerryException.class,
                () -> CkanIni.read(ini("[app:main]\nckan.site_id = x\n"), env).sqlalchemyUrl());
        assertTrue(noUrl.getMessage().contains("no sqlalchemy.url"), noUrl.getMessage());
    }
}
