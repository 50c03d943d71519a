package org.emospark.lake;

import io.delta.tables.DeltaTable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The lake: one root (local path, hdfs:// or s3a://) under which each {@link TableDef} is a Delta
 * table in the folder of its name. Tables are addressed by path, so any Spark (or Delta Kernel)
 * reader finds them without a metastore; {@link #registerViews()} makes them resolvable by plain
 * name in SQL.
 */
public final class Warehouse {
    private final SparkSession spark;
    private final String root;

    public Warehouse(SparkSession spark, String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("Warehouse root must be set (emospark.warehouse or --warehouse)");
        }
        this.spark = spark;
        this.root = normalise(root);
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
        DeltaTable.createIfNotExists(spark)
                .location(pathOf(table))
                .addColumns(table.schema())
                .partitionedBy(table.partitionColumns().toArray(String[]::new))
                .comment(table.description())
                .execute();
        DeltaTable delta = DeltaTable.forPath(spark, pathOf(table));
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
