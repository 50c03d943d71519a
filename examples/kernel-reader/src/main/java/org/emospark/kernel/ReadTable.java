package org.emospark.kernel;

import io.delta.kernel.Table;
import io.delta.kernel.expressions.Predicate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code read-table}: reads one lake table with Delta Kernel, no Spark, and prints a summary (version, and per
 * partition the row count and the sum of every numeric column) or the rows as CSV. Exit codes: 0 done, 2 usage
 * error, 1 failure (no table there, unreadable files).
 */
public final class ReadTable {
    static final String USAGE = String.join("\n",
            "Usage: read-table (--warehouse PATH --table NAME | --path TABLE_PATH) [--partition COLUMN=VALUE]... [--csv]",
            "Reads a Delta table of the emospark lake with Delta Kernel (no Spark).",
            "  --warehouse PATH        the lake's root (local path, file:, hdfs://); with --table NAME, e.g. predictions",
            "  --path TABLE_PATH       or the table's own folder",
            "  --partition COL=VALUE   read only that partition, e.g. score_date=2026-11-23 (repeatable: all must hold)",
            "  --csv                   print the rows as CSV instead of the summary",
            "The summary: the table's version, then tab-separated per partition: rows and sum(c) of every numeric",
            "column c; the last line (partition columns '*') covers the whole read.");

    private ReadTable() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("read-table: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (a.help) {
            out.println(USAGE);
            return 0;
        }
        DeltaTableReader table;
        try {
            table = DeltaTableReader.open(a.tablePath(), new Configuration());
        } catch (IllegalArgumentException e) {
            err.println("read-table: " + e.getMessage());
            return 1;
        }
        try {
            Optional<Predicate> filter = PartitionFilter.of(a.partitions, table.schema(), table.partitionColumns());
            if (a.csv) {
                CsvRows csv = new CsvRows(table.schema(), out);
                csv.header();
                table.forEachRow(filter, csv::add);
            } else {
                TableSummary summary = new TableSummary(table.schema(), table.partitionColumns());
                table.forEachRow(filter, summary::add);
                out.println("table " + table.path() + " version " + table.version() + " (Delta Kernel "
                        + Table.class.getPackage().getImplementationVersion() + ", no Spark)");
                summary.print(out);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("read-table: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("read-table: reading " + table.path() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static final class Arguments {
        String warehouse;
        String table;
        String path;
        final List<String> partitions = new ArrayList<>();
        boolean csv;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--warehouse" -> a.warehouse = value(args, ++i, arg);
                    case "--table" -> a.table = value(args, ++i, arg);
                    case "--path" -> a.path = value(args, ++i, arg);
                    case "--partition" -> a.partitions.add(value(args, ++i, arg));
                    case "--csv" -> a.csv = true;
                    case "-h", "--help" -> a.help = true;
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (a.path != null && (a.warehouse != null || a.table != null)) {
                throw new IllegalArgumentException("--path names the table's folder itself; leave out --warehouse and --table");
            }
            if (!a.help && a.path == null && (a.warehouse == null || a.table == null)) {
                throw new IllegalArgumentException("give either --warehouse and --table, or --path");
            }
            if (a.table != null && (a.table.isBlank() || a.table.contains("/"))) {
                throw new IllegalArgumentException("--table is a table's name (a folder under the warehouse), cannot be: "
                        + a.table);
            }
            return a;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** Local paths made absolute, so that the printed path says which folder was read. */
        String tablePath() {
            String p = path != null ? path : stripSlash(warehouse) + "/" + table;
            return p.contains(":") ? p : Path.of(p).toAbsolutePath().normalize().toString();
        }

        private static String stripSlash(String root) {
            return root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        }
    }
}
