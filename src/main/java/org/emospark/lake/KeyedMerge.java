package org.emospark.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The idempotent write every stage uses: a Delta MERGE on the table's keys that inserts new rows,
 * updates a matched row only when a tracked column really differs, and deletes rows inside the
 * write's scope that the source no longer brings. Writing the same source twice therefore changes
 * no row. Cost: one join of the source with the target (a shuffle, so parallelism follows
 * spark.sql.shuffle.partitions) and one Delta commit.
 */
public final class KeyedMerge {
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
        DeltaTable target = warehouse.ensure(table);
        Column[] columns = java.util.Arrays.stream(table.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> aligned = source.select(columns);
        boolean deletesNothing = table.scopeColumn() == null || scope == null || scope.isEmpty();
        if (deletesNothing && aligned.isEmpty()) {
            // Nothing to insert, update or delete: no commit, so the table's version stays as it is.
            Row last = target.history(1).select("version").head();
            return new MergeCounts(table.name(), 0, 0, 0, last.getLong(0));
        }
        if (isEmpty(target)) {
            // Into an empty table a merge can only insert; a plain append does that without the join.
            aligned.write().format("delta").mode("append").save(warehouse.pathOf(table));
            Row last = target.history(1).select("version", "operationMetrics").head();
            return new MergeCounts(table.name(), metric(last.getJavaMap(1), "numOutputRows"), 0, 0, last.getLong(0));
        }

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
            Row last = target.history(1).select("version").head();
            return new MergeCounts(table.name(), 0, 0, 0, last.getLong(0));
        }
        DeltaMergeBuilder builder = target.as("t").merge(aligned.as("s"), on);
        builder = unchanged.isEmpty()
                ? builder
                : builder.whenMatched("NOT (" + unchanged + ")").updateAll();
        builder = builder.whenNotMatched().insertAll();
        if (scopeCondition != null) {
            builder = builder.whenNotMatchedBySource(scopeCondition).delete();
        }
        builder.execute();

        Row last = target.history(1).select("version", "operationMetrics").head();
        Map<String, String> metrics = last.getJavaMap(1);
        return new MergeCounts(table.name(),
                metric(metrics, "numTargetRowsInserted"),
                metric(metrics, "numTargetRowsUpdated"),
                metric(metrics, "numTargetRowsDeleted"),
                last.getLong(0));
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

    private static boolean isEmpty(DeltaTable table) {
        return table.detail().select("numFiles").head().getLong(0) == 0;
    }

    private static long metric(Map<String, String> metrics, String name) {
        String v = metrics == null ? null : metrics.get(name);
        return v == null ? 0L : Long.parseLong(v);
    }
}
