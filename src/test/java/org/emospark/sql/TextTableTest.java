package org.emospark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void rendersAlignedColumnsNullsAndBinarySizes() {
        StructType schema = new StructType().add("split", DataTypes.StringType).add("n", DataTypes.LongType)
                .add("pcm", DataTypes.BinaryType);
        QueryResult r = new QueryResult("q", schema,
                List.of(RowFactory.create("Train", 12L, new byte[8]), RowFactory.create(null, 4L, null)), false, 0.5);
        String expected = String.join("\n",
                "+-------+----+-----------+",
                "| split | n  | pcm       |",
                "+-------+----+-----------+",
                "| Train | 12 | <8 bytes> |",
                "| NULL  | 4  | NULL      |",
                "+-------+----+-----------+",
                "2 rows (0.50 s)", "");
        assertEquals(expected, TextTable.render(r));
    }

    @Test
    void doublesPrintWithoutNoise() {
        assertEquals("0.1", TextTable.cell(0.1));
        assertEquals("12.0", TextTable.cell(12.0));
        assertEquals("1.0E-5", TextTable.cell(0.00001));
    }
}
