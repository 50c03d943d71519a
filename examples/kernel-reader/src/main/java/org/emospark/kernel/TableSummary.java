package org.emospark.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per partition and over the whole table: the row count and the sum of every numeric column, as SQL's
 * {@code count(*)} and {@code sum(col)} give them (nulls skipped; sums in double). Printed tab-separated, one
 * line per partition in the order of its values, then a line with {@code *} for every partition column.
 */
public final class TableSummary {
    private final List<String> partitionColumns;
    private final List<Integer> partitionOrdinals = new ArrayList<>();
    private final List<StructField> numericFields = new ArrayList<>();
    private final List<Integer> numericOrdinals = new ArrayList<>();
    private final StructType schema;
    private final Map<List<String>, Totals> byPartition = new TreeMap<>(TableSummary::compareKeys);
    private final Totals total;

    public TableSummary(StructType schema, List<String> partitionColumns) {
        this.schema = schema;
        this.partitionColumns = List.copyOf(partitionColumns);
        for (String column : partitionColumns) {
            partitionOrdinals.add(schema.indexOf(column));
        }
        for (int i = 0; i < schema.length(); i++) {
            StructField field = schema.at(i);
            if (!partitionColumns.contains(field.getName()) && Values.isNumeric(field.getDataType())) {
                numericFields.add(field);
                numericOrdinals.add(i);
            }
        }
        total = new Totals(numericFields.size());
    }

    public void add(Row row) {
        List<String> key = new ArrayList<>(partitionOrdinals.size());
        for (int ordinal : partitionOrdinals) {
            key.add(Values.text(row, ordinal, schema.at(ordinal).getDataType()));
        }
        Totals partition = byPartition.computeIfAbsent(key, k -> new Totals(numericFields.size()));
        partition.rows++;
        total.rows++;
        for (int i = 0; i < numericOrdinals.size(); i++) {
            int ordinal = numericOrdinals.get(i);
            if (!row.isNullAt(ordinal)) {
                double v = Values.number(row, ordinal, numericFields.get(i).getDataType());
                partition.sums[i] += v;
                total.sums[i] += v;
            }
        }
    }

    public long rows() {
        return total.rows;
    }

    public void print(PrintStream out) {
        List<String> header = new ArrayList<>(partitionColumns);
        header.add("rows");
        numericFields.forEach(f -> header.add("sum(" + f.getName() + ")"));
        out.println(String.join("\t", header));
        if (!partitionColumns.isEmpty()) {
            byPartition.forEach((key, totals) -> out.println(line(key, totals)));
        }
        out.println(line(partitionColumns.stream().map(c -> "*").toList(), total));
    }

    private static String line(List<String> key, Totals totals) {
        List<String> cells = new ArrayList<>(key);
        cells.add(Long.toString(totals.rows));
        for (double sum : totals.sums) {
            cells.add(Double.toString(sum));
        }
        return String.join("\t", cells);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final class Totals {
        long rows;
        final double[] sums;

        Totals(int columns) {
            sums = new double[columns];
        }
    }
}
