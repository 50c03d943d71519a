package org.emospark.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent write every stage uses: a Delta MERGE on the table's keys that inserts new rows,
 * updates a matched row only when a tracked column really differs, and deletes rows inside the
 * write's scope that the source no longer brings. Writing the same source twice therefore changes
 * no row. Cost: one join of the source with the target (a shuffle, so parallelism follows
 * spark.sql.shuffle.partitions) and one Delta commit. Safe with concurrent writers of the same table (other
 * jobs, other drivers): a merge that loses Delta's optimistic-concurrency check is run again.
 */
public final class KeyedMerge {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedMerge.class);
    /** Delta's session setting whose value it records as the commit's userMetadata. */
    private static final String COMMIT_TAG_KEY = "spark.databricks.delta.commitInfo.userMetadata";
    /** How far back a merge looks for its own commit: beyond any burst of concurrent commits. */
    private static final int HISTORY_SEARCHED = 200;
    private static final int MAX_ATTEMPTS = 8;
    private static final Map<SparkSession, Object> LOCKS = new WeakHashMap<>();

    private KeyedMerge() {
    }

    /**
     * @param scope values of the table's scope column that this write speaks for completely; target
     *              rows with such a value and no matching source row are deleted. Empty: delete nothing.
     */
    public static MergeCounts merge(Warehouse warehouse, TableDef table, Dataset<Row> source,
                                    Collection<String> scope) {
        return merge(warehouse, table, source, scope, null);
    }

    /**
     * As {@link #merge(Warehouse, TableDef, Dataset, Collection)}, with deletions further limited to
     * target rows meeting {@code scopeRestriction} (on columns prefixed {@code t.}), e.g. the stages
     * a writer owns in the shared rejects table.
     */
    public static MergeCounts merge(Warehouse warehouse, TableDef table, Dataset<Row> source,
                                    Collection<String> scope, Column scopeRestriction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return mergeOnce(warehouse, table, source, scope, scopeRestriction);
            } catch (ConcurrentModificationException e) {
                // Another writer committed to the table between this merge's read and its commit (Delta's
                // optimistic concurrency). The merge is idempotent, so running it again against the table as
                // it now is gives the result a serial run would have given.
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("Table " + warehouse.pathOf(table) + " kept changing under "
                            + "this write (" + MAX_ATTEMPTS + " attempts, each losing to a concurrent writer): "
                            + "run the job again when the other writers are done", e);
                }
                LOG.info("{}: a concurrent writer committed first ({}); writing again (attempt {} of {})",
                        table.name(), e.getClass().getSimpleName(), attempt + 1, MAX_ATTEMPTS);
                sleepBeforeRetry(attempt);
            }
        }
    }

    private static MergeCounts mergeOnce(Warehouse warehouse, TableDef table, Dataset<Row> source,
                                         Collection<String> scope, Column scopeRestriction) {
        DeltaTable target = warehouse.ensure(table);
        Column[] columns = java.util.Arrays.stream(table.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> aligned = source.select(columns);
        boolean deletesNothing = table.scopeColumn() == null || scope == null || scope.isEmpty();
        if (deletesNothing && aligned.isEmpty()) {
            // Nothing to insert, update or delete: no commit, so the table's version stays as it is.
            return new MergeCounts(table.name(), 0, 0, 0, latestVersion(target));
        }
        // Always a MERGE, even into an empty table: two appends never conflict in Delta, so two writers of the
        // same rows would both succeed and duplicate them, whereas a merge that read the table empty conflicts
        // with any commit that added files since, and is retried.
        String on = table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        String unchanged = table.trackedColumns().stream()
                .map(c -> "t.`" + c + "` <=> s.`" + c + "`").collect(Collectors.joining(" AND "));
        Column scopeCondition = deletesNothing ? null : col("t." + table.scopeColumn()).isin(scope.toArray());
        if (scopeCondition != null && scopeRestriction != null) {
            scopeCondition = scopeCondition.and(scopeRestriction);
        }
        if (!changesAnything(target, aligned, on, unchanged, scopeCondition)) {
            // Delta rewrites every file holding a matched row even when no clause fires, which would make a
            // new table version for an identical write; the versions later stages record must not move then.
            return new MergeCounts(table.name(), 0, 0, 0, latestVersion(target));
        }
        DeltaMergeBuilder builder = target.as("t").merge(aligned.as("s"), on);
        builder = unchanged.isEmpty()
                ? builder
                : builder.whenMatched("NOT (" + unchanged + ")").updateAll();
        builder = builder.whenNotMatched().insertAll();
        if (scopeCondition != null) {
            builder = builder.whenNotMatchedBySource(scopeCondition).delete();
        }
        // The counts and version reported are this merge's own commit's, found by a tag in its commit info:
        // the table's newest commit may be another writer's.
        String tag = "emospark-merge-" + UUID.randomUUID();
        SparkSession spark = warehouse.spark();
        // One tagged commit at a time per session, since the tag is a session setting; the check above runs outside,
        // so merges into different tables from several threads overlap in everything but their commits. Not the
        // session's own monitor: Spark locks that from its planner threads (SparkSession.implicits), and holding it
        // here deadlocked a merge.
        synchronized (lockOf(spark)) {
            spark.conf().set(COMMIT_TAG_KEY, tag);
            try {
                builder.execute();
            } finally {
                spark.conf().unset(COMMIT_TAG_KEY);
            }
        }
        Row own = ownCommit(target, tag);
        Map<String, String> metrics = own.getJavaMap(1);
        return new MergeCounts(table.name(),
                metric(metrics, "numTargetRowsInserted"),
                metric(metrics, "numTargetRowsUpdated"),
                metric(metrics, "numTargetRowsDeleted"),
                own.getLong(0));
    }

    /**
     * The commit tagged {@code tag}. Without a concurrent writer it is the newest, so only one commit file is read;
     * reading {@value #HISTORY_SEARCHED} on every write would cost a long-lived table that many file reads.
     */
    private static Row ownCommit(DeltaTable target, String tag) {
        // The operation too: a commit of another kind made in this session while the tag was set (a table created
        // by another thread) carries the tag as well.
        Column own = col("userMetadata").equalTo(tag).and(col("operation").equalTo("MERGE"));
        Dataset<Row> newest = target.history(1).where(own);
        Dataset<Row> found = newest.isEmpty() ? target.history(HISTORY_SEARCHED).where(own) : newest;
        return found.select("version", "operationMetrics").head();
    }

    private static Object lockOf(SparkSession spark) {
        synchronized (LOCKS) {
            return LOCKS.computeIfAbsent(spark, s -> new Object());
        }
    }

    private static long latestVersion(DeltaTable target) {
        return target.history(1).select("version").head().getLong(0);
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 400) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a conflicting write", e);
        }
    }

    /**
     * Whether the write would insert, update or delete anything: a source row with no identical target row
     * (same keys, same tracked values), or a target row in scope whose key the source does not bring.
     */
    private static boolean changesAnything(DeltaTable target, Dataset<Row> source, String on, String unchanged,
                                           Column scopeCondition) {
        Dataset<Row> t = target.toDF().as("t");
        Dataset<Row> s = source.as("s");
        String same = unchanged.isEmpty() ? on : on + " AND " + unchanged;
        if (!s.join(t, expr(same), "left_anti").isEmpty()) {
            return true;
        }
        return scopeCondition != null && !t.where(scopeCondition).join(s, expr(on), "left_anti").isEmpty();
    }

    private static long metric(Map<String, String> metrics, String name) {
        String v = metrics == null ? null : metrics.get(name);
        return v == null ? 0L : Long.parseLong(v);
    }
}
