package org.emospark.cli;

import java.nio.file.Path;
import org.emospark.jobs.BenchModelJob;
import org.emospark.jobs.BenchScoreJob;
import org.emospark.jobs.DigestJob;
import org.emospark.jobs.EmbedJob;
import org.emospark.jobs.EvaluateJob;
import org.emospark.jobs.FeaturesJob;
import org.emospark.jobs.ImportModelJob;
import org.emospark.jobs.IngestJob;
import org.emospark.jobs.ScoreJob;
import org.emospark.jobs.SqlJob;
import org.emospark.jobs.SqlPasswordCommand;
import org.emospark.jobs.SqlServerJob;
import org.emospark.jobs.TrainJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code emospark <command> [options]}. Exit codes: 0 done (also when some
 * inputs were rejected), 2 usage error (bad option, bad argument value), 1 failure.
 */
@Command(name = "emospark", mixinStandardHelpOptions = true, version = "emospark 0.1.0",
        description = {"Speech emotion recognition with semantic information, at corpus scale, on Spark.",
                "Commands run as Spark jobs over a Delta Lake warehouse (default ./warehouse)."},
        subcommands = {IngestJob.class, EmbedJob.class, FeaturesJob.class, TrainJob.class, ImportModelJob.class,
                EvaluateJob.class, ScoreJob.class, SqlJob.class, SqlServerJob.class, SqlPasswordCommand.class, BenchModelJob.class, BenchScoreJob.class,
                DigestJob.class,
                CommandLine.HelpCommand.class})
public final class EmosparkCli implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with its failure handling: a bad argument is a usage error (exit 2), any other failure prints
     * one line and where its stack trace is (exit 1); {@code --verbose} prints the trace on the screen instead.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EmosparkCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String command = commandLine.getCommandName();
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("emospark " + command + ": " + ex.getMessage());
                return EXIT_USAGE;
            }
            boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
            String line = "emospark " + command + " failed: " + FailureReport.oneLine(ex);
            if (verbose) {
                commandLine.getErr().println(line);
                ex.printStackTrace(commandLine.getErr());
            } else {
                Path trace = FailureReport.writeTrace(FailureReport.traceDir(), command, ex);
                commandLine.getErr().println(line + (trace != null ? " [stack trace: " + trace + "]"
                        : " [stack trace not written; --verbose prints it]"));
            }
            return EXIT_FAILURE;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
