package org.emospark.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.sql.QueryResult;
import org.emospark.sql.SqlAction;
import org.emospark.sql.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL over the warehouse; every lake table and the views emotion_timeline,",
                "recording_emotion_latest and model_leaderboard are resolvable by their plain names,",
                "e.g. emospark sql \"SELECT split, count(*) FROM recordings GROUP BY split\"."})
public final class SqlJob extends SparkJob {
    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The SQL to run (or use --file).")
    String query;

    @Option(names = "--file", paramLabel = "FILE", description = "Read statements from a file (';'-separated).")
    Path file;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100",
            description = "Rows to print per statement. Default: ${DEFAULT-VALUE}.")
    int maxRows;

    private String script;

    @Override
    protected String appName() {
        return "emospark sql";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if ((query == null) == (file == null)) {
            throw new IllegalArgumentException("Give exactly one of QUERY or --file");
        }
        try {
            script = file != null ? Files.readString(file, StandardCharsets.UTF_8) : query;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read SQL file " + file + ": " + e.getMessage());
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be at least 1, cannot be: " + maxRows);
        }
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        SqlAction action = new SqlAction(warehouse);
        List<QueryResult> results = action.execute(script, maxRows);
        StringBuilder sb = new StringBuilder();
        for (QueryResult r : results) {
            sb.append(TextTable.render(r));
        }
        return sb.toString();
    }
}
