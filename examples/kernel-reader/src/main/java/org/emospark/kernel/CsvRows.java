package org.emospark.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as CSV (RFC 4180): a header of column names, then one line per row; null is an empty field. Only tables of
 * scalar columns: arrays (word vectors) and binary audio have no faithful CSV form, so such a table is refused up
 * front, naming the columns.
 */
public final class CsvRows {
    private final StructType schema;
    private final PrintStream out;

    public CsvRows(StructType schema, PrintStream out) {
        List<String> refused = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!Values.isScalar(field.getDataType())) {
                refused.add(field.getName() + " (" + field.getDataType() + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("CSV holds scalar columns only; this table also has: "
                    + String.join(", ", refused) + ". Print its summary instead, or read it in code with DeltaTableReader.");
        }
        this.schema = schema;
        this.out = out;
    }

    public void header() {
        out.println(String.join(",", schema.fieldNames().stream().map(CsvRows::quote).toList()));
    }

    public void add(Row row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < schema.length(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(Values.text(row, i, schema.at(i).getDataType())));
        }
        out.println(line);
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
