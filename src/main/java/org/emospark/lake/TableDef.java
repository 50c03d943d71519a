package org.emospark.lake;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A lake table: its name (also its folder under the warehouse root and its SQL view name), schema,
 * key columns, the columns whose change does not count as a change (timestamps of the write itself),
 * and the column that scopes a write (rows of the same scope value that a write does not bring are
 * deleted, so a re-ingested recording never keeps stale rows).
 */
public record TableDef(String name, String description, StructType schema, List<String> keys,
                       List<String> volatileColumns, String scopeColumn, List<String> partitionColumns) {

    public TableDef {
        keys = List.copyOf(keys);
        volatileColumns = List.copyOf(volatileColumns);
        partitionColumns = List.copyOf(partitionColumns);
        for (String k : keys) {
            schema.apply(k);
        }
    }

    /** Columns compared to decide whether a matched row changed: all but the keys and volatile ones. */
    public List<String> trackedColumns() {
        return java.util.Arrays.stream(schema.fields())
                .map(StructField::name)
                .filter(n -> !keys.contains(n) && !volatileColumns.contains(n))
                .toList();
    }
}
