package io.ferry.cli;

import io.ferry.plan.Plan;
import io.ferry.plan.PlanReader;
import io.ferry.plan.PlanRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry run PLAN}: a whole runbook, step by step, checkpointed on the target. */
@Command(name = "run", footerHeading = "%nExamples:%n",
        footer = {"  ferry run plans/dgu.yaml --set source=postgres://ckan@old-db/ckan --set target=postgres://ckan@new-db/ckan", "  ferry run plans/dgu.yaml --set target=postgres://ckan@new-db/ckan --resume", "  ferry run plans/dgu.yaml --set target=postgres://ckan@new-db/ckan --from-step reindex"}, mixinStandardHelpOptions = true,
        description = "Run a plan file's steps in order (transfer, load, migrate, sql, verify, report), each "
                + "checkpointed on the target so that --resume continues after a crash or a failed step.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (YAML), e.g. plans/dgu.yaml.")
    Path planFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Give a connection of the plan: a URL, embedded:NAME or ckan_ini:PATH (overrides the plan).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--resume", description = "Continue with the first step not finished on the target.")
    boolean resume;

    @Option(names = "--from-step", paramLabel = "NAME", description = "Start at this step (run it and the rest again).")
    String fromStep;

    @Option(names = "--dry-run", description = "Print what each step would do; connect to nothing, change nothing.")
    boolean dryRun;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the report step writes report.md, .json and .html "
                    + "(default: $FERRY_HOME/reports/PLAN-TIME).")
    Path reportDir;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        Plan plan = new PlanReader(console.environment()).read(planFile, sets);
        Path dir = reportDir != null ? reportDir : FerryHome.root(console.environment()).resolve("reports")
                .resolve(plan.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!dryRun) {
            Interruption.during("plan " + plan.name(), "each step is checkpointed on the target; resume with: "
                    + Interruption.resumeCommand());
        }
        PlanRunner.Outcome outcome = new PlanRunner(plan, console)
                .run(new PlanRunner.Options(resume, Optional.ofNullable(fromStep), dryRun, dir));
        Path html = dir.resolve("report.html").toAbsolutePath();
        if (!dryRun && !outcome.ran().isEmpty() && Files.isRegularFile(html)) {
            console.out().println("Report: " + html);
        }
        return 0;
    }
}
