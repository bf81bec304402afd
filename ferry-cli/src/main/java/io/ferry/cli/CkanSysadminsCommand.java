package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.Sysadmins;
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

/** {@code ferry ckan sysadmins list | restore [NAME...]}: the sysadmins the dgu module demoted. */
@Command(name = "sysadmins", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan sysadmins list --db postgres://ckan@db/ckan", "  ferry ckan sysadmins restore --db postgres://ckan@db/ckan alice.brown"}, mixinStandardHelpOptions = true,
        description = "List the sysadmins the dgu module demoted, or promote them again.",
        subcommands = {CkanSysadminsCommand.ListCommand.class, CkanSysadminsCommand.RestoreCommand.class})
final class CkanSysadminsCommand {

    @Command(name = "list", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan sysadmins list --db postgres://ckan@db/ckan"}, mixinStandardHelpOptions = true, description = "Show the demoted sysadmins.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            Console console = Console.of(spec);
            try (Database db = database.open(console); Connection c = db.spec().open()) {
                List<Sysadmins.Demoted> demoted = Sysadmins.list(c);
                if (demoted.isEmpty()) {
                    console.out().println("No demoted sysadmins are recorded.");
                    return 0;
                }
                Table table = new Table("name", "was", "fullname", "sysadmin now", "demoted", "restored");
                for (Sysadmins.Demoted d : demoted) {
                    table.row(d.nameNow() == null ? "(removed)" : d.nameNow(), d.nameThen(),
                            d.fullname() == null ? "" : d.fullname(), d.sysadminNow() ? "yes" : "no", d.demotedAt(),
                            d.restoredAt() == null ? "" : d.restoredAt());
                }
                table.print(console.out());
                return 0;
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, SqlErrors.describe(e), e);
            }
        }
    }

    @Command(name = "restore", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan sysadmins restore --db postgres://ckan@db/ckan          (all of them)", "  ferry ckan sysadmins restore -c /etc/ckan/ckan.ini alice.brown bob"}, mixinStandardHelpOptions = true,
            description = "Promote demoted sysadmins again: the named ones (current or former name), or all.")
    static final class RestoreCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Users to promote (default: all demoted).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            Console console = Console.of(spec);
            try (Database db = database.open(console); Connection c = db.spec().open()) {
                List<String> restored = Sysadmins.restore(c, names);
                console.out().println("Promoted " + restored.size() + " user(s) to sysadmin"
                        + (restored.isEmpty() ? "" : ": " + String.join(", ", restored)));
                return 0;
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, SqlErrors.describe(e), e);
            }
        }
    }
}
