package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmSource;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.testing.StoredModels;
import org.emospark.testing.TestSpark;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorModelsTest {
    private static final ModelConfig CONFIG = TinyLake.CONFIG;
    private static final String MODEL = "tiny-executor0001";

    /** A warehouse of this class alone, so no other test can have loaded its model into the cache before. */
    @TempDir
    static Path tmp;
    private static ModelRef ref;
    private static float[][] expected;

    /** A 2.5 s recording whose audio, turns and word vectors all vary, so every stream of the network matters. */
    private static RecordingExample recording() {
        float[] pcm = new float[2500];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.6 * StrictMath.sin(0.07 * i));
        }
        boolean[] subject = new boolean[25];
        float[] semantic = new float[25 * 4];
        for (int f = 0; f < 25; f++) {
            subject[f] = f % 4 != 3;
            semantic[f * 4 + f % 4] = 1;
        }
        return new RecordingExample("Rec_01", "unlabeled", 25, PcmSource.of(pcm), subject, 4, semantic, null);
    }

    @BeforeAll
    static void storeAModel() {
        String root = "file:" + tmp.toAbsolutePath();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.store(manager, root, MODEL, CONFIG, 3);
            expected = new RecordingPredictor(net, CONFIG, 2).predict(manager, List.of(recording())).get("Rec_01");
        }
        ref = new ModelRef(root, MODEL, new SerializableConfiguration(new Configuration()));
    }

    @Test
    void aModelIsLoadedOncePerJvmAndSharedByTheTasksOfEveryPartition() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        ModelRef model = ref;
        long before = ExecutorModels.loads();

        // Four partitions on two local task threads: tasks ask for the model concurrently and one after another.
        List<String> perTask = jsc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 4).mapPartitions(values -> {
            SharedModel shared = ExecutorModels.get(model);
            List<String> out = new ArrayList<>();
            while (values.hasNext()) {
                values.next();
                float[][] p = shared.predict(List.of(recording()), 2).get("Rec_01");
                StringBuilder s = new StringBuilder(System.identityHashCode(shared) + " " + shared.device() + " "
                        + TaskContext.getPartitionId());
                for (float[] frame : p) {
                    s.append(' ').append(frame[0]).append(' ').append(frame[1]).append(' ').append(frame[2]);
                }
                out.add(s.toString());
            }
            return out.iterator();
        }).collect();

        assertEquals(before + 1, ExecutorModels.loads(), "one load for all partitions of the JVM");
        assertEquals(8, perTask.size());
        assertEquals(4, perTask.stream().map(s -> s.split(" ")[2]).collect(Collectors.toSet()).size(), "four tasks ran");
        Set<String> instances = perTask.stream().map(s -> s.split(" ")[0] + " " + s.split(" ")[1]).collect(Collectors.toSet());
        assertEquals(Set.of(instances.iterator().next()), instances, "every task used the same loaded model");
        assertTrue(instances.iterator().next().endsWith(" " + Device.cpu()), instances.toString());
        for (String task : perTask) {
            String[] values = task.split(" ");
            for (int f = 0; f < expected.length; f++) {
                float[] got = {Float.parseFloat(values[3 + 3 * f]), Float.parseFloat(values[4 + 3 * f]),
                        Float.parseFloat(values[5 + 3 * f])};
                assertArrayEquals(expected[f], got, 1e-6f, "frame " + f + " of a task's prediction");
            }
        }

        // Asked again from the driver: the cached model, no new load.
        ExecutorModels.get(model, Device.cpu());
        assertEquals(before + 1, ExecutorModels.loads());
    }

    @Test
    void aModelThatIsNotStoredFailsNamingItAndLeavesNothingCached() {
        ModelRef missing = new ModelRef(ref.warehouseRoot(), "tiny-missing0001", ref.hadoop());
        long before = ExecutorModels.loads();
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExecutorModels.get(missing, Device.cpu()));
            assertTrue(e.getMessage().contains("tiny-missing0001"), e.getMessage());
        }
        assertEquals(before, ExecutorModels.loads());
    }

    @Test
    void aGpuTheEngineCannotSeeIsRefusedSayingWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExecutorModels.get(ref, Device.gpu(7)));
        assertTrue(e.getMessage().contains("GPU 7") && e.getMessage().contains("sees 0 GPU"), e.getMessage());
    }
}
