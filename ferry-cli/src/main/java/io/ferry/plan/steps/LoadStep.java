package io.ferry.plan.steps;

import io.ferry.Counts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.cli.FerryHome;
import io.ferry.connect.ConnectionSpec;
import io.ferry.plan.PlanContext;
import io.ferry.plan.Progress;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import io.ferry.sql.ScriptRunner;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.pgdump.PgDumpArchive;
import io.ferry.pgdump.PgDumpLoad;
import io.ferry.transfer.ArchiveLoad;
import io.ferry.transfer.DumpFormat;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.TransferOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code kind: load}: loads a Ferry archive or a pg_dump archive (custom {@code .dump} file, directory
 * or tar; in parallel, resumable), or a plain pg_dump file ({@code .sql}, {@code .sql.gz}, in one
 * transaction) into {@code to} (default: the plan's target).
 * Options: {@code file} (relative to the plan file), {@code to}, {@code jobs}, {@code verify},
 * {@code exclude_table_data}; {@code owner} and {@code grant_read} (the target's roles, as
 * {@code --owner} and {@code --grant-read}; Ferry and pg_dump archives); {@code keep_owners} and
 * {@code keep_grants} (true or false, as {@code --keep-owners} and {@code --keep-grants}; pg_dump
 * archives).
 */
public final class LoadStep implements Step {
    private static final byte[] ARCHIVE = "FERRYDUMP1\n".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final String to;
    private final TransferOptions options;

    private LoadStep(Path file, String to, TransferOptions options) {
        this.file = file;
        this.to = to;
        this.options = options;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "load";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            Path file = plan.file(spec.options().requiredString("file"));
            TransferOptions options = Copies.options(spec.options(), false);
            boolean keepOwners = flag(spec.options(), "keep_owners");
            boolean keepGrants = flag(spec.options(), "keep_grants");
            if (keepOwners && options.roles().owner() != null) {
                throw spec.options().error("keep_owners and owner contradict each other");
            }
            if (keepGrants && options.roles().readRole() != null) {
                throw spec.options().error("keep_grants and grant_read contradict each other");
            }
            return new LoadStep(file, plan.connection(spec.options(), "to", "target"),
                    options.toBuilder().keep(keepOwners, keepGrants).build());
        }
    }

    private static boolean flag(io.ferry.plan.Options options, String key) {
        String value = options.string(key, "false").strip();
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw options.error(key + " must be true or false, not '" + value + "'");
        };
    }

    @Override
    public String describe() {
        return "load " + file + " into " + to + " (must be empty)"
                + (options.excludeTableData().isEmpty() ? ""
                        : "; structure only for " + String.join(", ", options.excludeTableData()))
                + (options.keepOwners() ? "; the archive's owners kept" : "")
                + (options.keepGrants() ? "; the archive's grants kept" : "")
                + (options.roles().owner() == null ? "" : "; everything owned by " + options.roles().owner())
                + (options.roles().readRole() == null ? "" : "; read by " + options.roles().readRole());
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        if (!Files.exists(file)) {
            throw new FerryException(ErrorCode.INPUT, "file " + file + " does not exist");
        }
        ConnectionSpec target = context.connection(to);
        DumpFormat format = DumpFormat.of(file);
        boolean pgDump = format.pgDumpArchive() || format == DumpFormat.BINARY && file.toString().endsWith(".dump");
        if ((options.keepOwners() || options.keepGrants()) && !pgDump) {
            // A Ferry archive holds what its dump chose; a plain dump's script sets what it sets.
            throw new FerryException(ErrorCode.USAGE, "keep_owners and keep_grants apply to pg_dump archives; " + file
                    + " is " + format.what());
        }
        if (options.roles().any() && !pgDump && !Files.isDirectory(file) && !isArchive(file)) {
            throw new FerryException(ErrorCode.USAGE, "owner and grant_read apply to Ferry and pg_dump archives; "
                    + file + " is " + format.what());
        }
        // A damaged custom archive reads as binary data: opening it names what is wrong.
        if (pgDump) {
            PgDumpArchive archive = PgDumpArchive.open(file);
            // The archive's schema is read on a throwaway embedded server, as ferry load does.
            try (Progress.Task task = context.progress().task("load", 0, "rows");
                 EmbeddedServer server = PgDumpLoad.modelServer(archive,
                         FerryHome.clusterTemplates(context.console().environment()))) {
                return Copies.result(PgDumpLoad.load(target, archive, Copies.resuming(options, resuming),
                        Copies.listener(task), server), "loaded");
            }
        }
        if (Files.isDirectory(file)) {
            format.requireLoadable(file.toString());
        }
        if (isArchive(file)) {
            try (Progress.Task task = context.progress().task("load", 0, "rows")) {
                return Copies.result(ArchiveLoad.fromFile(target, file, Copies.resuming(options, resuming),
                        Copies.listener(task)), "loaded");
            }
        }
        // A plain dump loads in one transaction: a failed attempt left nothing, so a rerun starts afresh.
        try (Reader dump = ScriptRunner.open(file); Progress.Task task = context.progress().task("load", 0, "rows")) {
            PlainDumpLoad.Result result = PlainDumpLoad.load(target, dump, file.getFileName().toString(), options,
                    task::note);
            ObjectNode details = Json.compact().createObjectNode();
            ObjectNode tables = details.putObject("tables");
            result.rowsByTable().forEach(tables::put);
            details.putPOJO("structure_only", result.structureOnly());
            long rows = result.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
            task.advance(rows);
            return new StepResult(String.format(Locale.ROOT, "loaded %s into %s (%d structure only)",
                    Counts.of(rows, "row"), Counts.of(result.rowsByTable().size(), "table"), result.structureOnly().size()), details, List.of());
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ARCHIVE.length), ARCHIVE);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
