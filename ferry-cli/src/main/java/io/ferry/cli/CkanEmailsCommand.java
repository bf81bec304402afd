package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.SharedEmails;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry ckan emails list | restore [NAME...]}: the shared e-mail addresses the dgu module resolved. */
@Command(name = "emails", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan emails list --db postgres://ckan@db/ckan", "  ferry ckan emails restore --db postgres://ckan@db/ckan jane-smith"},
        mixinStandardHelpOptions = true,
        description = "List the users whose shared e-mail address the dgu module changed, or give addresses back.",
        subcommands = {CkanEmailsCommand.ListCommand.class, CkanEmailsCommand.RestoreCommand.class})
final class CkanEmailsCommand {

    @Command(name = "list", footerHeading = "%nExamples:%n",
            footer = {"  ferry ckan emails list --db postgres://ckan@db/ckan"}, mixinStandardHelpOptions = true,
            description = "Show each changed address: the user, the address then and now, and who kept the address.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            Console console = Console.of(spec);
            try (Database db = database.open(console); Connection c = db.spec().open()) {
                List<SharedEmails.Changed> changed = SharedEmails.list(c);
                if (changed.isEmpty()) {
                    console.out().println("No changed e-mail addresses are recorded.");
                    return 0;
                }
                Table table = new Table("name", "e-mail now", "was", "kept by", "changed", "given back");
                for (SharedEmails.Changed x : changed) {
                    table.row(x.name() == null ? "(removed)" : x.name(), x.emailNow() == null ? "" : x.emailNow(),
                            x.emailThen(), x.keptBy() == null ? "(removed)" : x.keptBy(), x.changedAt(),
                            x.restoredAt() == null ? "" : x.restoredAt());
                }
                table.print(console.out());
                return 0;
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, SqlErrors.describe(e), e);
            }
        }
    }

    @Command(name = "restore", footerHeading = "%nExamples:%n",
            footer = {"  ferry ckan emails restore --db postgres://ckan@db/ckan jane-smith   (takes it from the user who kept it)",
                    "  ferry ckan emails restore --db postgres://ckan@db/ckan              (all: only before CKAN 2.10)"},
            mixinStandardHelpOptions = true,
            description = {"Give the named users their e-mail address back; whoever has it now gets a sub-address of it.",
                    "With no names, every address goes back, shared again: only while the database is before CKAN 2.10."})
    static final class RestoreCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Users (current names) to give their address back (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            Console console = Console.of(spec);
            try (Database db = database.open(console); Connection c = db.spec().open()) {
                List<String> restored = SharedEmails.restore(c, names);
                console.out().println("Gave " + restored.size() + " user(s) their e-mail address back"
                        + (restored.isEmpty() ? "" : ": " + String.join(", ", restored)));
                return 0;
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, SqlErrors.describe(e), e);
            }
        }
    }
}
