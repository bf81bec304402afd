package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.diff.DataMove;
import io.ferry.diff.Diff;
import io.ferry.diff.PhasedMigration;
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
        description = "Write DIR/MODULE/NNN_words.sql, numbered one above the module's highest: the SQL that turns "
                + "the database into the model in five phases (renames, additive changes, the data move, new "
                + "constraints, drops), with the move inferred from a foreign-key path the model shortens or a "
                + "placeholder whose assertion fails until it is written, and captures of what the drops remove. "
                + "Dropped and added columns or tables of the same shape are named as rename candidates.")
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
        PhasedMigration migration;
        try (SchemaSource sources = new SchemaSource(console.environment(), console.err())) {
            List<Schema> schemas = sources.read(db, model);
            migration = PhasedMigration.between(schemas.get(0), schemas.get(1), compare.options());
        }
        Diff diff = migration.diff();
        DiffOutput.warn(diff, console.err());
        if (diff.isEmpty()) {
            console.err().println("ferry: no differences; nothing written");
            return 0;
        }
        // Named before a refusal too: a rename is often what turns a destructive change into a safe one.
        if (!migration.renameCandidates().isEmpty()) {
            console.out().println("Rename candidates (written as drop and add; give the option to rename instead):");
            migration.renameCandidates().forEach(c -> console.out().println("  " + c.describe()));
        }
        DiffOutput.refuseUnsafe(diff, unsafe, console.err());
        Path file = folder.resolve(nextName(folder, description));
        try {
            Files.createDirectories(folder);
            Files.writeString(file, migration.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
        console.out().println("Wrote " + file + " (" + Counts.of(diff.changes().size(), "change") + ", in five phases)");
        for (DataMove move : migration.moves()) {
            console.out().println(move.inferred() ? "  data move: " + move.describe()
                    : "  " + move.describe() + "; write the move in phase 3 (its assertion fails until then)");
        }
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
}
