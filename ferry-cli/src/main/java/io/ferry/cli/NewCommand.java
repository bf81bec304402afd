package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.diff.Change;
import io.ferry.diff.Diff;
import io.ferry.diff.SchemaDiff;
import io.ferry.diff.TouchedTables;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the next migration of a module from the difference between a database and a model. */
@Command(name = "new", footerHeading = "%nExamples:%n",
        footer = {"  ferry new --migrations migrations --module core --db embedded:dev --model embedded:wanted \"add resource hash\""}, mixinStandardHelpOptions = true,
        description = "Write DIR/MODULE/NNN_words.sql: the SQL that turns the database into the model, numbered "
                + "one above the module's highest, with row-count checks for every table whose rows it rewrites.")
final class NewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static final Pattern NUMBERED = Pattern.compile("(\\d+)_.*\\.sql");

    @Option(names = "--migrations", paramLabel = "DIR", required = true, description = "The migrations folder.")
    Path migrations;

    @Option(names = "--module", paramLabel = "NAME", required = true, description = "The module to add to.")
    String module;

    @Option(names = "--db", paramLabel = "URL", required = true, description = "The database as it is now.")
    String db;

    @Option(names = "--model", paramLabel = "M", required = true,
            description = "The schema it should have: a database or a dump file (.sql, .sql.gz).")
    String model;

    @Option(names = "--unsafe", description = "Include destructive statements instead of refusing them.")
    boolean unsafe;

    @Mixin
    CompareOptions compare;

    @Parameters(paramLabel = "WORDS", arity = "1..*", description = "What the migration does, in a few words.")
    List<String> words;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        String description = description(String.join(" ", words));
        Path folder = migrations.resolve(module);
        Diff diff;
        Schema target;
        try (SchemaSource sources = new SchemaSource(console.environment(), console.err())) {
            List<Schema> schemas = sources.read(db, model);
            target = schemas.get(1);
            diff = SchemaDiff.between(schemas.get(0), target, compare.options());
        }
        DiffOutput.warn(diff, console.err());
        if (diff.isEmpty()) {
            console.err().println("ferry: no differences; nothing written");
            return 0;
        }
        DiffOutput.refuseUnsafe(diff, unsafe, console.err());
        Path file = folder.resolve(nextName(folder, description));
        try {
            Files.createDirectories(folder);
            Files.writeString(file, migration(diff, target), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
        console.out().println("Wrote " + file + " (" + diff.changes().size() + " changes)");
        return 0;
    }

    /** The words as a file name part: lower case, runs of anything but letters and digits as one '_'. */
    static String description(String words) {
        String clean = words.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
        if (clean.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "the migration needs a description of letters or digits");
        }
        return clean;
    }

    /** {@code NNN_description.sql}, one above the highest number, as wide as that number's file has it. */
    static String nextName(Path folder, String description) {
        long highest = 0;
        int width = 3;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path path : files.toList()) {
                    Matcher m = NUMBERED.matcher(path.getFileName().toString());
                    if (m.matches() && Long.parseLong(m.group(1)) >= highest) {
                        highest = Long.parseLong(m.group(1));
                        width = m.group(1).length();
                    }
                }
            } catch (IOException e) {
                throw new FerryException(ErrorCode.INPUT, "cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
        return String.format(Locale.ROOT, "%0" + width + "d_%s.sql", highest + 1, description);
    }

    /** The file: directives, captures before, the statements, asserts after. */
    static String migration(Diff diff, Schema target) {
        StringBuilder sql = new StringBuilder();
        if (!diff.transactional()) {
            sql.append("-- ferry:no-transaction\n");
        }
        sql.append("-- Written by ferry new from the difference between the database and the model.\n");
        List<QualifiedName> tables = TouchedTables.of(diff, target);
        for (int i = 0; i < tables.size(); i++) {
            sql.append("-- ferry:capture rows_").append(i + 1).append(": SELECT count(*) FROM ")
                    .append(tables.get(i).sql()).append('\n');
        }
        sql.append('\n').append(Diff.PREAMBLE).append(";\n\n");
        for (Change.Statement statement : diff.statements()) {
            sql.append(statement.sql()).append(";\n\n");
        }
        for (int i = 0; i < tables.size(); i++) {
            sql.append("-- ferry:assert SELECT :rows_").append(i + 1).append(" = (SELECT count(*) FROM ")
                    .append(tables.get(i).sql()).append(")\n");
        }
        return sql.toString();
    }
}
