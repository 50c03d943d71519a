package org.emospark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

class SparkActionTest {
    /** Counts rows under its job group and reports the group's jobs. */
    private static final class CountAction extends SparkAction<CountAction.Result> {
        record Result(long rows, int jobsInGroup, String description, double seconds, Map<String, Double> steps) {
        }

        private final SparkSession spark;
        private final boolean fail;

        CountAction(SparkSession spark, boolean fail) {
            super(spark, "test-count");
            this.spark = spark;
            this.fail = fail;
        }

        @Override
        protected String description() {
            return "Counting a range";
        }

        @Override
        protected Result run(JobGroup group) {
            group.step("Counting 0..99");
            long rows = spark.range(100).count();
            group.step("Waiting");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            group.step("Counting 0..99");
            rows = spark.range(100).count();
            if (fail) {
                throw new IllegalStateException("failed on purpose");
            }
            Map<String, Double> steps = group.stepSeconds();
            return new Result(rows, spark.sparkContext().statusTracker().getJobIdsForGroup("test-count").length,
                    spark.sparkContext().getLocalProperty("spark.job.description"), group.elapsedSeconds(),
                    steps);
        }
    }

    @Test
    void actionRunsItsJobsUnderItsGroupAndRestoresTheCallersGroup() {
        SparkSession spark = TestSpark.session();
        SparkContext sc = spark.sparkContext();
        sc.setJobGroup("caller", "The caller's work", false);
        try {
            CountAction.Result r = new CountAction(spark, false).execute();
            assertEquals(100, r.rows());
            assertTrue(r.jobsInGroup() >= 1, "jobs in group test-count: " + r.jobsInGroup());
            assertEquals("Counting 0..99", r.description());
            assertTrue(r.seconds() > 0);
            // Steps in the order they began; the one begun twice is summed, and together they take no longer than the run.
            assertEquals(List.of("Counting 0..99", "Waiting"), List.copyOf(r.steps().keySet()));
            assertTrue(r.steps().get("Waiting") >= 0.05, "waiting step: " + r.steps());
            assertTrue(r.steps().values().stream().mapToDouble(Double::doubleValue).sum() <= r.seconds(),
                    "steps " + r.steps() + " within " + r.seconds() + " s");
            assertEquals("caller", sc.getLocalProperty("spark.jobGroup.id"));
            assertEquals("The caller's work", sc.getLocalProperty("spark.job.description"));
        } finally {
            sc.clearJobGroup();
        }
    }

    @Test
    void failedActionLeavesNoGroupBehind() {
        SparkSession spark = TestSpark.session();
        SparkContext sc = spark.sparkContext();
        sc.clearJobGroup();
        assertThrows(IllegalStateException.class, () -> new CountAction(spark, true).execute());
        assertNull(sc.getLocalProperty("spark.jobGroup.id"));
        assertNull(sc.getLocalProperty("spark.job.description"));
    }

    /**
     * Work beside the caller runs at the same time as the caller's (each waits for the other to have started), its
     * Spark jobs under the caller's group and step; both results come back, and a failure on the other thread is
     * thrown to the caller once both have ended;
     * when both fail, the caller's own failure is thrown with the other's suppressed in it.
     */
    @Test
    void workBesideTheCallerOverlapsItAndRunsItsJobsInTheCallersGroupAndStep() {
        SparkSession spark = TestSpark.session();
        SparkContext sc = spark.sparkContext();
        sc.clearJobGroup();
        try (JobGroup alone = JobGroup.start(spark, "test-beside-alone", "One count")) {
            spark.range(7).count();
        }
        int jobsPerCount = sc.statusTracker().getJobIdsForGroup("test-beside-alone").length;
        try (JobGroup group = JobGroup.start(spark, "test-beside", "Two things at once")) {
            group.step("Counting two ranges");
            CountDownLatch firstStarted = new CountDownLatch(1);
            CountDownLatch secondStarted = new CountDownLatch(1);
            JobGroup.Both<String, Long> both = group.beside(() -> {
                firstStarted.countDown();
                await(secondStarted);
                long rows = spark.range(7).count();
                return sc.getLocalProperty("spark.jobGroup.id") + " / " + sc.getLocalProperty("spark.job.description")
                        + " / " + rows;
            }, () -> {
                secondStarted.countDown();
                await(firstStarted);
                return spark.range(100).count();
            });
            assertEquals("test-beside / Counting two ranges / 7", both.first());
            assertEquals(100L, both.second());
            assertEquals(2 * jobsPerCount, sc.statusTracker().getJobIdsForGroup("test-beside").length);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.beside(() -> {
                throw new IllegalStateException("failed beside");
            }, () -> 1));
            assertEquals("failed beside", e.getMessage());
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> group.beside(() -> {
                throw new IllegalArgumentException("failed beside");
            }, () -> {
                throw new IllegalStateException("failed here");
            }));
            assertEquals("failed here", twice.getMessage());
            assertEquals(1, twice.getSuppressed().length, "the other side's failure is kept in the caller's");
            assertEquals("failed beside", twice.getSuppressed()[0].getMessage());
        }
        assertNull(sc.getLocalProperty("spark.jobGroup.id"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS), "the other side never started: the two ran one after the other");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
