package org.emospark.kernel;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * The latest snapshot of one Delta table, read through Delta Kernel's default engine: its version, schema and
 * partition columns, and its live rows. Kernel replays the log from the last checkpoint, so files a later commit
 * removed (a MERGE's rewrites, a rescore that moved rows to another partition) are never read, and deletion
 * vectors are applied. Needs Hadoop's client API and no Spark: any path Hadoop resolves works (local, hdfs://;
 * s3a:// with hadoop-aws on the classpath).
 */
public final class DeltaTableReader {
    private final Engine engine;
    private final String path;
    private final Snapshot snapshot;

    private DeltaTableReader(Engine engine, String path, Snapshot snapshot) {
        this.engine = engine;
        this.path = path;
        this.snapshot = snapshot;
    }

    /** Opens the table's latest snapshot; a path without a Delta log is an error naming the path. */
    public static DeltaTableReader open(String path, Configuration hadoopConf) {
        Engine engine = DefaultEngine.create(hadoopConf);
        try {
            return new DeltaTableReader(engine, path, Table.forPath(engine, path).getLatestSnapshot(engine));
        } catch (TableNotFoundException e) {
            throw new IllegalArgumentException("No Delta table at " + path + " (no _delta_log folder there)", e);
        }
    }

    public String path() {
        return path;
    }

    public long version() {
        return snapshot.getVersion(engine);
    }

    public StructType schema() {
        return snapshot.getSchema(engine);
    }

    public List<String> partitionColumns() {
        return snapshot.getPartitionColumnNames(engine);
    }

    /**
     * Calls {@code action} for every live row, file by file, in no particular order. A {@code filter} on partition
     * columns (see {@link PartitionFilter}) skips the files of other partitions without opening them. The row is a
     * view valid only during the call.
     */
    public void forEachRow(Optional<Predicate> filter, Consumer<Row> action) throws IOException {
        ScanBuilder builder = snapshot.getScanBuilder(engine);
        if (filter.isPresent()) {
            builder = builder.withFilter(engine, filter.get());
        }
        Scan scan = builder.build();
        if (scan.getRemainingFilter().isPresent()) {
            // Kernel prunes files on partition values only; a filter on data columns would need row filtering here.
            throw new IllegalArgumentException("Only partition columns can be filtered on, cannot filter on: "
                    + scan.getRemainingFilter().get());
        }
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        readFile(scanState, physicalSchema, files.next(), action);
                    }
                }
            }
        }
    }

    // InternalScanFileUtils, ScanStateRow and Utils are internal packages, but Kernel 3.x offers no public way to
    // get a scan file's status and physical read schema; Delta's own Kernel examples use the same calls.
    private void readFile(Row scanState, StructType physicalSchema, Row scanFile, Consumer<Row> action)
            throws IOException {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty());
        // transformPhysicalData adds the partition columns from the log and drops rows a deletion vector removed.
        try (CloseableIterator<FilteredColumnarBatch> batches =
                     Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        action.accept(rows.next());
                    }
                }
            }
        }
    }
}
