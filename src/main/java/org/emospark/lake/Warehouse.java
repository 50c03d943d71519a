package org.emospark.lake;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake: one root (local path, hdfs:// or s3a://) under which each {@link TableDef} is a Delta
 * table in the folder of its name. Tables are addressed by path, so any Spark (or Delta Kernel)
 * reader finds them without a metastore; {@link #registerViews()} makes them resolvable by plain
 * name in SQL.
 */
public final class Warehouse {
    /** How long a write waits for another writer's first commit of a table: until its log would count as debris. */
    private static final long CREATOR_WAIT_MS = UncommittedLog.ABANDONED_AFTER_MS + 5_000;
    private static final long CREATOR_POLL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

    private final SparkSession spark;
    private final String root;

    public Warehouse(SparkSession spark, String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("Warehouse root must be set (emospark.warehouse or --warehouse)");
        }
        this.spark = spark;
        this.root = normalise(root);
    }

    /**
     * Checks the root at the door, before a job reads any input: a root that is a file (not a folder) would otherwise
     * fail only at the first write, after every recording was decoded. A missing root is fine: the first write makes it.
     */
    public void requireUsableRoot() {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path) && !fs.getFileStatus(path).isDirectory()) {
                throw new IllegalArgumentException("--warehouse " + root + " is a file, not a folder: give a folder "
                        + "(a missing one is created)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the warehouse " + root + ": " + e.getMessage(), e);
        }
    }

    /** Local paths become absolute file: URIs so that executors in other working folders agree. */
    static String normalise(String root) {
        String trimmed = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        URI uri = URI.create(trimmed.replace(" ", "%20"));
        if (uri.getScheme() != null && uri.getScheme().length() > 1) {
            return trimmed;
        }
        // Hadoop's spelling (file:/abs), which Delta compares literally with the paths it resolves.
        return "file:" + Path.of(trimmed).toAbsolutePath().normalize();
    }

    public String root() {
        return root;
    }

    public SparkSession spark() {
        return spark;
    }

    public String pathOf(TableDef table) {
        return root + "/" + table.name();
    }

    public boolean exists(TableDef table) {
        return DeltaTable.isDeltaTable(spark, pathOf(table));
    }

    /**
     * Creates the table with its schema and partitioning if it is not there yet. A table written by an earlier
     * version that lacks columns added since (always nullable) gains them, holding nulls in its old rows.
     */
    public DeltaTable ensure(TableDef table) {
        long deadline = System.currentTimeMillis() + CREATOR_WAIT_MS;
        UncommittedLog uncommitted = uncommittedLog(table);
        DeltaTable delta;
        while (true) {
            removeIfAbandoned(table, uncommitted);
            try {
                DeltaTable.createIfNotExists(spark)
                        .location(pathOf(table))
                        .addColumns(table.schema())
                        .partitionedBy(table.partitionColumns().toArray(String[]::new))
                        .comment(table.description())
                        .execute();
                delta = DeltaTable.forPath(spark, pathOf(table));
                break;
            } catch (ConcurrentModificationException e) {
                // Another writer created the table between the check and this commit: theirs stands, and it is the
                // same table (same definition), so this write goes on into it.
                if (!exists(table)) {
                    throw e;
                }
            } catch (Exception e) {
                // (Exception: Delta's AnalysisException is a checked one to Java, thrown undeclared from Scala.)
                // Another writer is creating the table right now: its _delta_log folder is there, so "if not exists"
                // does nothing, but its first commit is not yet, so the table cannot be read. Wait for that commit;
                // a creator that died leaves a log that is taken away once it looks abandoned.
                if (!isTableNotFound(e) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                LOG.info("{}: another writer is creating the table; waiting for its first commit", table.name());
                sleep(CREATOR_POLL_MS);
            }
        }
        StructType existing = delta.toDF().schema();
        List<String> added = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            if (!Arrays.asList(existing.fieldNames()).contains(f.name())) {
                if (!f.nullable()) {
                    throw new IllegalStateException("Table " + pathOf(table) + " lacks column " + f.name()
                            + ", which cannot be added to existing rows (not nullable): rebuild the table");
                }
                added.add("`" + f.name() + "` " + f.dataType().sql());
            }
        }
        if (!added.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + pathOf(table) + "` ADD COLUMNS (" + String.join(", ", added) + ")");
            return DeltaTable.forPath(spark, pathOf(table));
        }
        return delta;
    }

    private static boolean isTableNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkThrowable st && "DELTA_TABLE_NOT_FOUND".equals(st.getErrorClass())) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another writer to create a table", e);
        }
    }

    private UncommittedLog uncommittedLog(TableDef table) {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(pathOf(table), "_delta_log");
        try {
            return new UncommittedLog(log.getFileSystem(spark.sparkContext().hadoopConfiguration()), log,
                    System::currentTimeMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the Delta log of " + pathOf(table), e);
        }
    }

    private void removeIfAbandoned(TableDef table, UncommittedLog log) {
        try {
            if (log.removeIfAbandoned()) {
                LOG.warn("{}: removed a Delta log without any commit, left by a writer that died creating the table",
                        table.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot inspect the Delta log of " + pathOf(table), e);
        }
    }

    /**
     * The table's rows. A table written by an earlier version reads with the columns added since (always nullable)
     * as nulls, so readers never need to know which version wrote it; the next write adds them for good.
     */
    public Dataset<Row> read(TableDef table) {
        if (!exists(table)) {
            return spark.createDataFrame(List.of(), table.schema());
        }
        Dataset<Row> rows = spark.read().format("delta").load(pathOf(table));
        List<String> present = Arrays.asList(rows.schema().fieldNames());
        for (StructField f : table.schema().fields()) {
            if (f.nullable() && !present.contains(f.name())) {
                rows = rows.withColumn(f.name(), org.apache.spark.sql.functions.lit(null).cast(f.dataType()));
            }
        }
        return rows;
    }

    /** The table's current Delta version, or -1 when it does not exist: the lineage later stages record. */
    public long version(TableDef table) {
        if (!exists(table)) {
            return -1;
        }
        return DeltaTable.forPath(spark, pathOf(table)).history(1).select("version").head().getLong(0);
    }

    /** Registers every existing table as a temporary view named after it; returns the names. */
    public List<String> registerViews(List<TableDef> tables) {
        List<String> registered = new ArrayList<>();
        for (TableDef table : tables) {
            if (exists(table)) {
                read(table).createOrReplaceTempView(table.name());
                registered.add(table.name());
            }
        }
        return registered;
    }

    @Override
    public String toString() {
        return root;
    }
}
