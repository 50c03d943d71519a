package org.emospark.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.emospark.lake.Warehouse;

/**
 * Runs writers of one warehouse at the same moment, each on its own Spark session of the test JVM as separate drivers
 * would be (its own session settings, so nothing in this JVM serialises their writes: Delta's concurrency check
 * decides), and returns their results in order; a writer's failure fails the call.
 */
public final class AtOnce {
    private AtOnce() {
    }

    public static <T> List<T> run(String root, List<Function<Warehouse, T>> writers) throws Exception {
        SparkSession first = TestSpark.session();
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            Function<Warehouse, T> writer = writers.get(i);
            Warehouse warehouse = new Warehouse(i == 0 ? first : first.newSession(), root);
            tasks.add(() -> writer.apply(warehouse));
        }
        return call(tasks);
    }

    /** Starts the tasks together, each on its own thread once all are ready, and returns their results in order. */
    public static <T> List<T> call(List<Callable<T>> tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
