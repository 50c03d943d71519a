package org.emospark.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark job group for the span of one action: the Spark UI lists the action's jobs under {@code id} with a
 * description per step ("Merging predictions into ...") instead of "collect at Foo.java:123". Closing it restores
 * the thread's previous group and description, so an action run inside another keeps the outer one's name
 * afterwards. It also times its steps, so a result can say where a run's time went. Not thread-safe: Spark keeps
 * these as the calling thread's local properties; work of the current step that runs beside the caller goes through
 * {@link #beside}.
 */
public final class JobGroup implements AutoCloseable {
    private static final String GROUP_ID = "spark.jobGroup.id";
    private static final String DESCRIPTION = "spark.job.description";
    private static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";

    private final SparkContext context;
    private final Map<String, String> previous = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final Map<String, Long> stepNanos = new LinkedHashMap<>();
    private String currentStep;
    private long currentStepStarted;

    private JobGroup(SparkContext context, String id, String description) {
        this.context = context;
        for (String key : new String[] {GROUP_ID, DESCRIPTION, INTERRUPT_ON_CANCEL}) {
            previous.put(key, context.getLocalProperty(key));
        }
        context.setJobGroup(id, description, false);
    }

    /** Starts the group {@code id} described by {@code description} on this thread. */
    public static JobGroup start(SparkSession spark, String id, String description) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A job group needs an id, cannot be: '" + id + "'");
        }
        return new JobGroup(spark.sparkContext(), id, description);
    }

    /** Names the Spark jobs that follow, until the next step: e.g. "Listing the recordings to score". */
    public void step(String description) {
        endStep(System.nanoTime());
        context.setJobDescription(description);
        currentStep = description;
        currentStepStarted = System.nanoTime();
    }

    /**
     * Wall-clock seconds of each step so far, in the order the steps began (a step begun more than once: the sum),
     * the current one up to now. What ran before the first step is not in it.
     */
    public Map<String, Double> stepSeconds() {
        Map<String, Long> nanos = new LinkedHashMap<>(stepNanos);
        if (currentStep != null) {
            nanos.merge(currentStep, System.nanoTime() - currentStepStarted, Long::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    private void endStep(long now) {
        if (currentStep != null) {
            stepNanos.merge(currentStep, now - currentStepStarted, Long::sum);
        }
    }

    /**
     * Runs {@code first} on a thread of its own and {@code second} on this one, both under this group and the current
     * step's description, and returns both results once both are done. For steps whose Spark work is mostly the
     * driver's (planning, Delta log reads and commits), so that two of them overlap on a machine with cores to spare.
     * A failure of either is thrown here, after both have ended (this thread's, with the other's suppressed in it).
     */
    public <A, B> Both<A, B> beside(Supplier<A> first, Supplier<B> second) {
        // Spark keeps the group and description in an inheritable thread-local and clones it into each thread started
        // from this one, so the new thread runs its jobs under them without being told.
        CompletableFuture<A> a = CompletableFuture.supplyAsync(first, task -> {
            Thread thread = new Thread(task, "emospark-" + context.getLocalProperty(GROUP_ID) + "-beside");
            thread.setDaemon(true);
            thread.start();
        });
        B b;
        try {
            b = second.get();
        } catch (RuntimeException | Error e) {
            try {
                a.join();
            } catch (CompletionException other) {
                e.addSuppressed(other.getCause());
            }
            throw e;
        }
        try {
            return new Both<>(a.join(), b);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The results of {@link #beside}. */
    public record Both<A, B>(A first, B second) {
    }

    /** Wall-clock seconds since the group started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() {
        // setLocalProperty(key, null) removes the key, so a thread that had no group is left with none.
        previous.forEach(context::setLocalProperty);
    }
}
