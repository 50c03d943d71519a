package org.emospark.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.emospark.lake.Warehouse;
import org.emospark.runtime.JobGroup;

/**
 * Runs Spark SQL over the warehouse with every lake table and {@link LakeViews} view resolvable by its plain
 * name ({@code SELECT count(*) FROM recordings}). A script may hold several statements separated by
 * semicolons at line ends; each statement's result is returned.
 */
public final class SqlAction {
    private final Warehouse warehouse;

    public SqlAction(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Makes every lake table and every {@link LakeViews} view resolvable by name; returns the names. */
    public List<String> registerViews() {
        return LakeViews.registerTemporary(warehouse);
    }

    /** Executes the statements in order; the returned results hold at most {@code maxRows} rows each. */
    public List<QueryResult> execute(String script, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("Rows to show must be at least 1, cannot be: " + maxRows);
        }
        List<QueryResult> results = new ArrayList<>();
        try (JobGroup group = JobGroup.start(warehouse.spark(), "sql", "SQL over " + warehouse)) {
            group.step("Registering the lake's tables and views");
            registerViews();
            for (String statement : SqlScript.split(script)) {
                group.step("SQL: " + abbreviate(statement));
                long t0 = System.nanoTime();
                Dataset<Row> df = warehouse.spark().sql(statement);
                List<Row> rows = df.takeAsList(maxRows + 1);
                boolean truncated = rows.size() > maxRows;
                results.add(new QueryResult(statement, df.schema(), truncated ? rows.subList(0, maxRows) : rows,
                        truncated, (System.nanoTime() - t0) / 1e9));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("No SQL statement given");
        }
        return results;
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 100 ? flat.substring(0, 97) + "..." : flat;
    }
}
