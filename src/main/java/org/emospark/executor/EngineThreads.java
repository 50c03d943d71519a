package org.emospark.executor;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.spark.TaskContext;

/**
 * How many threads PyTorch gives each operation (its intra-op threads) that the calling thread runs: the cores Spark
 * gave the running task ({@code spark.task.cpus}, 1 unless set), or every core of the machine outside a task (the
 * driver's training, a plain loop).
 *
 * <p>Why: left alone, PyTorch sizes the OpenMP team of every thread that calls it to the machine's cores. An executor
 * of N cores runs N tasks at once, each of which would then start N threads per convolution: N x N threads on N
 * cores, which wait on each other at every parallel region. Tying the threads to {@code spark.task.cpus} keeps
 * tasks x threads at the executor's cores, and lets a cluster choose between many single-threaded tasks and fewer
 * wider ones with Spark's own setting (an executor of 8 cores with {@code spark.task.cpus=2} runs 4 tasks of 2
 * threads).
 *
 * <p>PyTorch keeps the team size per calling thread (OpenMP's {@code nthreads-var}); Spark reuses its task threads
 * across tasks, so every task sets it again ({@link #apply()}), which costs a thread-local read when nothing changes.
 */
public final class EngineThreads {
    private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

    private EngineThreads() {
    }

    /** The intra-op threads the calling thread should use: its task's cores, else the machine's. */
    public static int forCurrentThread() {
        TaskContext task = TaskContext.get();
        return task == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus());
    }

    /** Sets the calling thread's intra-op threads to {@link #forCurrentThread()}; returns the count. */
    public static int apply() {
        int threads = forCurrentThread();
        Integer applied = APPLIED.get();
        if (applied == null || applied != threads) {
            Engine.getInstance();   // loads the native library the setting lives in
            JniUtils.setNumThreads(threads);
            APPLIED.set(threads);
        }
        return threads;
    }
}
