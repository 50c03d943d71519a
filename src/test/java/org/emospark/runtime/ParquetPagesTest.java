package org.emospark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Big binary values (audio chunks) are written in pages of about one value, not a hundred. */
class ParquetPagesTest {
    private static final int VALUE_BYTES = 1 << 20;
    private static final int ROWS = 8;

    @TempDir
    Path tmp;

    @Test
    void aTableOfMegabyteValuesIsWrittenInPagesOfAboutOneValue() throws IOException {
        SparkSession spark = TestSpark.session();
        SplittableRandom random = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            rows.add(RowFactory.create(i, value));
        }
        StructType schema = new StructType().add("chunk_index", DataTypes.IntegerType).add("pcm", DataTypes.BinaryType);
        String table = tmp.resolve("chunks").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").save(table);

        List<Long> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(table))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                pages.addAll(pcmPageSizes(file));
            }
        }
        assertFalse(pages.isEmpty());
        assertEquals(ROWS * (long) VALUE_BYTES, pages.stream().mapToLong(Long::longValue).sum(), 64L * ROWS,
                "every value is in some page");
        assertTrue(pages.stream().allMatch(p -> p <= 2L * VALUE_BYTES + 1024),
                "pages of at most two values; Parquet's default first size check (after 100 values) would put all "
                        + ROWS + " in one: " + pages);
    }

    /** Uncompressed sizes of the data pages of column {@code pcm} in one Parquet file. */
    private static List<Long> pcmPageSizes(Path file) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            ColumnDescriptor pcm = reader.getFooter().getFileMetaData().getSchema().getColumnDescription(new String[] {"pcm"});
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                PageReader pages = rowGroup.getPageReader(pcm);
                DataPage page;
                while ((page = pages.readPage()) != null) {
                    sizes.add((long) page.getUncompressedSize());
                }
            }
        }
        return sizes;
    }
}
