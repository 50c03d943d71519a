package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeDigestTest {
    @TempDir
    Path tmp;

    private static Dataset<Row> labels(String recording, int frames, double arousal) {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            rows.add(RowFactory.create(recording, f, f * 0.1, arousal * (f % 7), -0.2, 0.3));
        }
        return spark.createDataFrame(rows, Tables.LABELS.schema());
    }

    private static LakeDigest.TableDigest labelsDigest(Warehouse wh) {
        return new LakeDigest(wh).execute().tables().stream().filter(t -> t.table().equals("labels")).findFirst()
                .orElseThrow();
    }

    @Test
    void sameRowsWrittenDifferentlyDigestAlikeAndAChangedValueOrADuplicateShows() {
        Warehouse one = new Warehouse(TestSpark.session(), tmp.resolve("one").toString());
        KeyedMerge.merge(one, Tables.LABELS, labels("Test_01", 30, 0.1).union(labels("Test_02", 20, 0.1)),
                Set.of("Test_01", "Test_02"));
        // The same rows in two commits, in the other order: other files and versions, the same content.
        Warehouse two = new Warehouse(TestSpark.session(), tmp.resolve("two").toString());
        KeyedMerge.merge(two, Tables.LABELS, labels("Test_02", 20, 0.1), Set.of("Test_02"));
        KeyedMerge.merge(two, Tables.LABELS, labels("Test_01", 30, 0.1), Set.of("Test_01"));

        LakeDigest.TableDigest a = labelsDigest(one);
        LakeDigest.TableDigest b = labelsDigest(two);
        assertEquals(50, a.rows());
        assertTrue(a.keysUnique());
        assertEquals(a, b);
        assertNotEquals(one.version(Tables.LABELS), two.version(Tables.LABELS), "other commits, other versions");

        // One value changed: the keys digest stays, the values digest moves.
        KeyedMerge.merge(two, Tables.LABELS, labels("Test_01", 30, 0.2), Set.of("Test_01"));
        LakeDigest.TableDigest changed = labelsDigest(two);
        assertEquals(a.keysDigest(), changed.keysDigest());
        assertNotEquals(a.valuesDigest(), changed.valuesDigest());

        // A duplicate (an append, as no job writes): more rows than keys.
        labels("Test_02", 1, 0.1).write().format("delta").mode("append").save(two.pathOf(Tables.LABELS));
        LakeDigest.TableDigest duplicated = labelsDigest(two);
        assertEquals(51, duplicated.rows());
        assertEquals(50, duplicated.keys());
        assertFalse(duplicated.keysUnique());
    }

    @Test
    void ignoredColumnsMustExist() {
        Warehouse wh = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
        assertThrows(IllegalArgumentException.class, () -> new LakeDigest(wh).ignoring(Set.of("models.nope")));
        assertThrows(IllegalArgumentException.class, () -> new LakeDigest(wh).ignoring(Set.of("nope.path")));
        new LakeDigest(wh).ignoring(Set.of("models.path"));
    }
}
