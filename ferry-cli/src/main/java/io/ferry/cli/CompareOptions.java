package io.ferry.cli;

import io.ferry.diff.DiffOptions;
import io.ferry.diff.Rename;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** What diff, verify and new compare: which schemas, whether owners and privileges, renames. */
final class CompareOptions {
    @Option(names = "--schema", paramLabel = "NAME", description = "Compare only this schema (repeatable).")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--privileges", description = "Compare owners and privileges too (left out by default, "
            + "as pg_dump -x -O does).")
    boolean privileges;

    @Option(names = "--rename", paramLabel = "RENAME", description = "table:[SCHEMA.]OLD=NEW or "
            + "column:[SCHEMA.]TABLE.OLD=NEW: rename instead of dropping and adding (repeatable).")
    List<String> renames = new ArrayList<>();

    DiffOptions options() {
        return DiffOptions.defaults().withPrivileges(privileges).withSchemas(new LinkedHashSet<>(schemas))
                .withRenames(renames.stream().map(Rename::parse).toList());
    }
}
