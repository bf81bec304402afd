package io.ferry.plan;

import io.ferry.cli.Console;
import io.ferry.connect.ConnectionSpec;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What a running step can use: the run's console, the plan's connections, progress output, the report
 * folder and the checkpoints.
 */
public final class RunContext {
    private final Plan plan;
    private final Console console;
    private final Connections connections;
    private final Progress progress;
    private final Path reportDir;
    private final Checkpoints checkpoints;
    private final OffsetDateTime started;

    RunContext(Plan plan, Console console, Connections connections, Progress progress, Path reportDir,
               Checkpoints checkpoints,
               OffsetDateTime started) {
        this.plan = plan;
        this.console = console;
        this.connections = connections;
        this.progress = progress;
        this.reportDir = reportDir;
        this.checkpoints = checkpoints;
        this.started = started;
    }

    public Plan plan() {
        return plan;
    }

    /** Where the run prints (its standard output and error) and its environment. */
    public Console console() {
        return console;
    }

    /** The named connection, opened on first use. */
    public ConnectionSpec connection(String name) {
        return connections.spec(name);
    }

    public ConnectionSpec target() {
        return connections.spec(plan.target());
    }

    public Progress progress() {
        return progress;
    }

    /** Where the report goes (created by the report step). */
    public Path reportDir() {
        return reportDir;
    }

    /** When this invocation of {@code ferry run} started. */
    public OffsetDateTime started() {
        return started;
    }

    /** The recorded steps of this plan on the target, by name, in plan order (earlier runs included). */
    public Map<String, Checkpoints.Row> recorded() {
        return checkpoints.read();
    }
}
