package org.emospark.kernel;

import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code COLUMN=VALUE} conditions on partition columns (e.g. {@code score_date=2026-11-23}) as one Kernel
 * predicate, typed by the table's schema, so that Kernel reads only the matching partitions' files.
 */
public final class PartitionFilter {
    private PartitionFilter() {
    }

    /** The conjunction of every condition; empty when there are none. */
    public static Optional<Predicate> of(List<String> conditions, StructType schema, List<String> partitionColumns) {
        Predicate all = null;
        for (String condition : conditions) {
            Predicate p = parse(condition, schema, partitionColumns);
            all = all == null ? p : new And(all, p);
        }
        return Optional.ofNullable(all);
    }

    static Predicate parse(String condition, StructType schema, List<String> partitionColumns) {
        int eq = condition.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--partition must be COLUMN=VALUE, cannot be: " + condition);
        }
        String name = condition.substring(0, eq).trim();
        String value = condition.substring(eq + 1).trim();
        if (!partitionColumns.contains(name)) {
            throw new IllegalArgumentException("--partition: " + name + " is not a partition column of this table"
                    + (partitionColumns.isEmpty() ? " (it has none)" : "; its partition columns: "
                    + String.join(", ", partitionColumns)));
        }
        return new Predicate("=", new Column(name), literal(name, schema.get(name).getDataType(), value));
    }

    private static Literal literal(String name, DataType type, String value) {
        try {
            if (type instanceof DateType) {
                return Literal.ofDate(Math.toIntExact(LocalDate.parse(value).toEpochDay()));
            } else if (type instanceof StringType) {
                return Literal.ofString(value);
            } else if (type instanceof IntegerType) {
                return Literal.ofInt(Integer.parseInt(value));
            } else if (type instanceof LongType) {
                return Literal.ofLong(Long.parseLong(value));
            } else if (type instanceof BooleanType && (value.equals("true") || value.equals("false"))) {
                return Literal.ofBoolean(Boolean.parseBoolean(value));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // Falls through to the error below, which says what was expected.
        }
        throw new IllegalArgumentException("--partition: " + name + " is a " + type + " column; cannot compare it with: "
                + value + (type instanceof DateType ? " (expected YYYY-MM-DD)" : ""));
    }
}
