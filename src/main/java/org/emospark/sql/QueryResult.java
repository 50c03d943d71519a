package org.emospark.sql;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** One statement's answer: its columns, the rows shown, whether more rows existed, and its time. */
public record QueryResult(String statement, StructType schema, List<Row> rows, boolean truncated,
                          double elapsedSeconds) {
}
