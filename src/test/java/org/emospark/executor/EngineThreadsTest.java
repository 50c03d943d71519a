package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void aSparkTaskRunsOnAsManyEngineThreadsAsItHasCoresAndTheDriverOnAllOfThem() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, EngineThreads.apply());
        assertEquals(cores, EngineThreads.current());

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        // local[2] with spark.task.cpus unset: two tasks at once, one core each. Each task reports what the engine
        // would use for its operations after taking its thread count, and what it used before (the thread's last).
        List<Integer> inTasks = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 6).map(i -> {
            EngineThreads.apply();
            return EngineThreads.current();
        }).collect();
        assertEquals(List.of(1, 1, 1, 1, 1, 1), inTasks);
        assertEquals(cores, EngineThreads.current(), "the driver's thread keeps its own");
    }
}
