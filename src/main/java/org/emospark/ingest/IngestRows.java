package org.emospark.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;

/**
 * One decode pass over a recording yields rows for several tables. They travel as one row type:
 * a {@code kind} (the table name) and one struct column per table, of which only the one named by
 * {@code kind} is set. The union is cached once and split per table, so audio is decoded once.
 */
final class IngestRows {
    private IngestRows() {
    }

    static final List<TableDef> TABLES = Tables.ingestTables();
    static final StructType SCHEMA = buildSchema();

    private static StructType buildSchema() {
        StructType s = new StructType().add(new StructField("kind", DataTypes.StringType, false, Metadata.empty()));
        for (TableDef t : TABLES) {
            s = s.add(new StructField(t.name(), t.schema(), true, Metadata.empty()));
        }
        return s.add(new StructField(UNCHANGED, DataTypes.StringType, true, Metadata.empty()));
    }

    /** The kind (and column) of the row that says a recording's inputs have not changed since the lake got them. */
    static final String UNCHANGED = "unchanged";

    static Row unchanged(String recordingId) {
        Object[] cells = new Object[TABLES.size() + 2];
        cells[0] = UNCHANGED;
        cells[cells.length - 1] = recordingId;
        return RowFactory.create(cells);
    }

    static Row wrap(TableDef table, Object... values) {
        Object[] cells = new Object[TABLES.size() + 2];
        cells[0] = table.name();
        cells[TABLES.indexOf(table) + 1] = RowFactory.create(values);
        return RowFactory.create(cells);
    }

    static Dataset<Row> rowsOf(Dataset<Row> union, TableDef table) {
        return union.filter(col("kind").equalTo(table.name())).select(col(table.name() + ".*"));
    }
}
