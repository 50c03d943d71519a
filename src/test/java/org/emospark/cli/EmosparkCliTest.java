package org.emospark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exit codes and help, none of which may start Spark. */
class EmosparkCliTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = EmosparkCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("ingest") && r.out().contains("sql"), r.out());
    }

    @Test
    void commandHelpListsItsOptions() {
        Run r = run("ingest", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--layout") && r.out().contains("--warehouse") && r.out().contains("--conf"), r.out());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Run r = run("ingest");
        assertEquals(EmosparkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--input"), r.err());
    }

    @Test
    void unknownLayoutIsAUsageErrorSayingWhatIsAccepted() {
        Run r = run("ingest", "--layout", "kaldi", "--input", "x");
        assertEquals(EmosparkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("Unknown layout 'kaldi'; expected avec2017, manifest or archive"), r.err());
    }

    @Test
    void unknownCommandAndNoCommandAreUsageErrors() {
        assertEquals(EmosparkCli.EXIT_USAGE, run("train-everything").code());
        assertEquals(EmosparkCli.EXIT_USAGE, run().code());
    }

    @Test
    void trainAndEvaluateHelpListTheirOptions() {
        Run train = run("train", "--help");
        assertEquals(0, train.code());
        assertTrue(train.out().contains("--name") && train.out().contains("--shuffled-labels")
                && train.out().contains("--force") && train.out().contains("--warehouse"), train.out());
        assertTrue(train.out().contains("--stage") && train.out().contains("--features") && train.out().contains("--sweep"),
                train.out());
        Run evaluate = run("evaluate", "--help");
        assertEquals(0, evaluate.code());
        assertTrue(evaluate.out().contains("--model") && evaluate.out().contains("--compare")
                && evaluate.out().contains("--split") && evaluate.out().contains("--report-dir"), evaluate.out());
    }

    @Test
    void evaluateTakesEitherOneModelOrAComparisonNotBoth() {
        Run r = run("evaluate", "--model", "X", "--compare", "A,B");
        assertEquals(EmosparkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("either --model or --compare"), r.err());
    }

    @Test
    void scoreHelpListsItsOptions() {
        Run help = run("score", "--help");
        assertEquals(0, help.code());
        for (String option : new String[] {"--model", "--recordings", "--date", "--rescore", "--batch-size", "--warehouse"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(run("--help").out().contains("score"), "the command list names score");
    }

    @Test
    void scoreRefusesADateThatIsNotADayAndABatchBelowOneBeforeStartingSpark() {
        Run date = run("score", "--date", "23/11/2026");
        assertEquals(EmosparkCli.EXIT_USAGE, date.code());
        assertTrue(date.err().contains("--date must be a date written YYYY-MM-DD, cannot be: 23/11/2026"), date.err());
        Run batch = run("score", "--batch-size", "0");
        assertEquals(EmosparkCli.EXIT_USAGE, batch.code());
        assertTrue(batch.err().contains("--batch-size must be at least 1, cannot be: 0"), batch.err());
        Run configured = run("score", "--conf", "emospark.score.batchSize=-2");
        assertEquals(EmosparkCli.EXIT_USAGE, configured.code());
        assertTrue(configured.err().contains("emospark.score.batchSize must be at least 1, cannot be: -2"), configured.err());
    }

    @Test
    void fusionStageAndFeatureOptionsThatDoNotGoTogetherAreUsageErrorsBeforeSparkStarts() {
        String[][] cases = {
                {"--stage must be end-to-end or fusion, cannot be: cnn", "train", "--stage", "cnn"},
                {"--features and --sweep go with --stage fusion", "train", "--sweep", "conf/sweeps/fusion-quick.properties"},
                {"--shuffled-labels trains end to end", "train", "--stage", "fusion", "--shuffled-labels"},
                {"emospark.fusion.init must be one of source, random", "train", "--stage", "fusion", "--conf",
                        "emospark.fusion.init=warm"},
                {"Say which features to compute: --semantic, --paralinguistic or both", "features"},
                {"--model and --batch-size go with --paralinguistic", "features", "--semantic", "--model", "X"},
                {"--batch-size must be at least 1, cannot be: 0", "features", "--paralinguistic", "--batch-size", "0"}};
        for (String[] c : cases) {
            Run r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(EmosparkCli.EXIT_USAGE, r.code(), String.join(" ", c));
            assertTrue(r.err().contains(c[0]), r.err());
        }
    }

    @Test
    void sqlNeedsExactlyOneOfQueryOrFile() {
        Run r = run("sql");
        assertEquals(EmosparkCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("exactly one of QUERY or --file"), r.err());
    }

    @Test
    void sqlServerRefusesAPortOrRefreshOutOfRangeBeforeStartingSpark() {
        Run port = run("sql-server", "--port", "70000");
        assertEquals(EmosparkCli.EXIT_USAGE, port.code());
        assertTrue(port.err().contains("--port must be between 0 and 65535, cannot be: 70000"), port.err());
        Run configured = run("sql-server", "--conf", "emospark.sqlServer.port=-1");
        assertEquals(EmosparkCli.EXIT_USAGE, configured.code());
        assertTrue(configured.err().contains("emospark.sqlServer.port must be between 0 and 65535, cannot be: -1"),
                configured.err());
        Run refresh = run("sql-server", "--conf", "emospark.sqlServer.refreshSeconds=0");
        assertEquals(EmosparkCli.EXIT_USAGE, refresh.code());
        assertTrue(refresh.err().contains("emospark.sqlServer.refreshSeconds must be at least 1, cannot be: 0"),
                refresh.err());
    }

    /** A command that fails as Spark does: a wrapper around a multi-line message around a root cause. */
    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin
        org.emospark.jobs.JobOptions options = new org.emospark.jobs.JobOptions();

        @Override
        public Integer call() {
            throw new IllegalStateException("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.\n\n== SQL ==\nSELEC 1\n^^^",
                    new RuntimeException("wrapped", new java.io.IOException("disk on fire\nsecond line")));
        }
    }

    private static Run boom(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = EmosparkCli.commandLine().addSubcommand("boom", new Boom());
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, "", err.toString());
    }

    @Test
    void aFailurePrintsOneLineWithItsRootCauseAndLeavesTheStackTraceInAFile() throws Exception {
        Run r = boom("boom");
        assertEquals(EmosparkCli.EXIT_FAILURE, r.code());
        java.util.List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("emospark boom failed: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. "
                + "(cause: disk on fire) [stack trace: "), line);
        java.nio.file.Path trace = java.nio.file.Path.of(line.substring(line.indexOf("[stack trace: ") + 14, line.length() - 1));
        String written = java.nio.file.Files.readString(trace);
        assertTrue(written.contains("IllegalStateException") && written.contains("Caused by: java.io.IOException: disk on fire"),
                written);
        java.nio.file.Files.delete(trace);
    }

    @Test
    void verbosePrintsTheStackTraceOnTheScreen() {
        Run r = boom("boom", "--verbose");
        assertEquals(EmosparkCli.EXIT_FAILURE, r.code());
        assertTrue(r.err().startsWith("emospark boom failed: [PARSE_SYNTAX_ERROR]"), r.err());
        assertTrue(r.err().contains("Caused by: java.io.IOException: disk on fire"), r.err());
        assertTrue(r.err().lines().count() > 5, r.err());
    }

    @Test
    void aLongMessageIsCutToOneReadableLine() {
        String line = FailureReport.oneLine(new IllegalStateException("x".repeat(2000)));
        assertEquals(FailureReport.MAX_LINE, line.length());
        assertTrue(line.endsWith("..."));
        assertEquals("NullPointerException", FailureReport.oneLine(new NullPointerException()));
    }
}
