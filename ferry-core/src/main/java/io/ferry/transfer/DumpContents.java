package io.ferry.transfer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.script.TransferScript;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON entries of a dump archive (see {@code io.ferry.archive}) as records. */
final class DumpContents {
    static final int FORMAT = 1;
    static final String HEADER = "header.json";
    static final String SCHEMA = "schema.json";
    static final String MANIFEST = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DumpContents() {
    }

    /** Written first: what the archive is. */
    record Header(int format, String source, String created, String serverVersion) {
    }

    /** One table's keys and indexes, buildable alongside other tables'. */
    record TableKeys(String schema, String name, List<String> statements) {
    }

    /** A planned chunk and the entry that holds its rows. */
    record PlannedChunk(String entry, String table, List<String> columns, int number, int of, String predicate,
                        boolean byKey) {
        Chunk chunk() {
            return new Chunk(table, columns, number, of, predicate, byKey);
        }

        static PlannedChunk of(String entry, Chunk c) {
            return new PlannedChunk(entry, c.table(), c.columns(), c.number(), c.of(), c.predicate(), c.byKey());
        }
    }

    /** Written second: how to rebuild the database around the rows. */
    record SchemaPart(List<String> preData, List<TableKeys> keys, List<String> postData, List<String> validations,
                      List<Sequences.Position> sequences, List<String> materializedViews, List<String> structureOnly,
                      List<PlannedChunk> plan) {
        TransferScript script() {
            Map<QualifiedName, List<String>> byTable = new LinkedHashMap<>();
            keys.forEach(k -> byTable.put(QualifiedName.of(k.schema(), k.name()), k.statements()));
            return new TransferScript(preData, byTable, postData, validations);
        }
    }

    /** What one chunk's entry holds: its rows, their checksum (null unless checksums were taken), its size. */
    record Written(String entry, long rows, String checksum, long bytes) {
        Checksum asChecksum() {
            return new Checksum(rows, checksum == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(checksum));
        }
    }

    /**
     * Written last, once every chunk is in; {@code rowHash} names the {@link RowHash} of the checksums
     * (absent from dumps made before it was recorded: {@code hashtext}).
     */
    record Manifest(List<Written> chunks, String rowHash) {
        RowHash hash() {
            return RowHash.ofLabel(rowHash);
        }
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(InputStream in, Class<T> type, String source) {
        try {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, source + ": unreadable " + type.getSimpleName().toLowerCase(Locale.ROOT)
                    + " entry (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
