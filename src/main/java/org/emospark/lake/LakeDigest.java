package org.emospark.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * What every table of a warehouse holds, as a few numbers two warehouses (or one before and after a run) can be
 * compared by: rows, distinct keys, and two order-free digests, the sum of a 64-bit hash of each row's keys and of
 * its keys and tracked values ({@link TableDef#trackedColumns()}: all but the columns that record when a write
 * happened). Equal digests mean the same rows with the same values to the bit, whatever the files, commits and
 * versions that hold them; rows above distinct keys mean a duplicate.
 */
public final class LakeDigest extends SparkAction<LakeDigest.Result> {

    /** One table's figures; absent tables are left out. */
    public record TableDigest(String table, long rows, long keys, BigDecimal keysDigest, BigDecimal valuesDigest) {
        public boolean keysUnique() {
            return rows == keys;
        }
    }

    public record Result(String warehouse, List<TableDigest> tables) {
        public Result {
            tables = List.copyOf(tables);
        }
    }

    private final Warehouse warehouse;
    private Set<String> ignored = Set.of();

    public LakeDigest(Warehouse warehouse) {
        super(warehouse.spark(), "digest");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /**
     * Columns ({@code table.column}) left out of the values digest, e.g. {@code models.path}, which names the
     * warehouse the model was trained in.
     */
    public LakeDigest ignoring(Set<String> tableColumns) {
        for (String c : tableColumns) {
            String[] parts = c.split("\\.", 2);
            TableDef t = Tables.all().stream().filter(d -> d.name().equals(parts[0])).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("No lake table '" + parts[0] + "' (in '" + c + "')"));
            if (parts.length < 2 || !Arrays.asList(t.schema().fieldNames()).contains(parts[1])) {
                throw new IllegalArgumentException("'" + c + "' is not table.column of a column of " + t.name());
            }
        }
        this.ignored = Set.copyOf(tableColumns);
        return this;
    }

    @Override
    protected String description() {
        return "Digesting every table of " + warehouse;
    }

    @Override
    protected Result run(JobGroup group) {
        List<TableDigest> out = new ArrayList<>();
        for (TableDef t : Tables.all()) {
            if (!warehouse.exists(t)) {
                continue;
            }
            group.step("Digesting " + t.name());
            Column[] keys = t.keys().stream().map(k -> col(k)).toArray(Column[]::new);
            List<Column> values = new ArrayList<>(List.of(keys));
            for (String c : t.trackedColumns()) {
                if (!ignored.contains(t.name() + "." + c)) {
                    values.add(col(c));
                }
            }
            Row r = warehouse.read(t).agg(count("*"), countDistinct(keys[0], Arrays.copyOfRange(keys, 1, keys.length)),
                    sum(xxhash64(keys).cast(DataTypes.createDecimalType(38, 0))),
                    sum(xxhash64(values.toArray(Column[]::new)).cast(DataTypes.createDecimalType(38, 0)))).head();
            out.add(new TableDigest(t.name(), r.getLong(0), r.getLong(1), decimal(r, 2), decimal(r, 3)));
        }
        return new Result(warehouse.toString(), out);
    }

    private static BigDecimal decimal(Row r, int i) {
        return r.isNullAt(i) ? BigDecimal.ZERO : r.getDecimal(i);
    }
}
