package org.emospark.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Scalar column values as text and as numbers. Text is Java's own spelling (Float.toString, ISO dates, UTC
 * instants), which is also what Spark's rows give, so both readers' output can be compared character for character.
 */
final class Values {
    private Values() {
    }

    static boolean isScalar(DataType type) {
        return isNumeric(type) || type instanceof StringType || type instanceof BooleanType || type instanceof DateType
                || type instanceof TimestampType;
    }

    static boolean isNumeric(DataType type) {
        return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
                || type instanceof LongType || type instanceof FloatType || type instanceof DoubleType
                || type instanceof DecimalType;
    }

    /** The value as text; null as the empty string. Only {@link #isScalar} types. */
    static String text(Row row, int ordinal, DataType type) {
        if (row.isNullAt(ordinal)) {
            return "";
        } else if (type instanceof StringType) {
            return row.getString(ordinal);
        } else if (type instanceof BooleanType) {
            return Boolean.toString(row.getBoolean(ordinal));
        } else if (type instanceof DateType) {
            // Kernel hands dates as days since 1970-01-01.
            return LocalDate.ofEpochDay(row.getInt(ordinal)).toString();
        } else if (type instanceof TimestampType) {
            // Microseconds since the epoch, UTC.
            return Instant.EPOCH.plus(row.getLong(ordinal), ChronoUnit.MICROS).toString();
        } else if (type instanceof FloatType) {
            return Float.toString(row.getFloat(ordinal));
        } else if (type instanceof DoubleType) {
            return Double.toString(row.getDouble(ordinal));
        } else if (type instanceof DecimalType) {
            return row.getDecimal(ordinal).toPlainString();
        } else if (isNumeric(type)) {
            return Long.toString(integral(row, ordinal, type));
        }
        throw new IllegalArgumentException("A " + type + " value has no text form here");
    }

    /** A numeric value as a double, for sums. Only {@link #isNumeric} types, not null. */
    static double number(Row row, int ordinal, DataType type) {
        if (type instanceof FloatType) {
            return row.getFloat(ordinal);
        } else if (type instanceof DoubleType) {
            return row.getDouble(ordinal);
        } else if (type instanceof DecimalType) {
            return row.getDecimal(ordinal).doubleValue();
        }
        return integral(row, ordinal, type);
    }

    private static long integral(Row row, int ordinal, DataType type) {
        if (type instanceof ByteType) {
            return row.getByte(ordinal);
        } else if (type instanceof ShortType) {
            return row.getShort(ordinal);
        } else if (type instanceof IntegerType) {
            return row.getInt(ordinal);
        }
        return row.getLong(ordinal);
    }
}
