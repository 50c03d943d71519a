package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void aSparkTaskRunsOnAsManyEngineThreadsAsItHasCoresAndTheDriverOnAllOfThem() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, EngineThreads.apply());
        assertEquals(cores, JniUtils.getNumThreads());

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        // local[2] with spark.task.cpus unset: two tasks at once, one core each. Each task reports what the engine
        // uses for its operations after taking its thread count.
        List<Integer> inTasks = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 6).map(i -> {
            EngineThreads.apply();
            return JniUtils.getNumThreads();
        }).collect();
        assertEquals(List.of(1, 1, 1, 1, 1, 1), inTasks);
        assertEquals(cores, JniUtils.getNumThreads(), "the driver's thread keeps its own");
    }
}
