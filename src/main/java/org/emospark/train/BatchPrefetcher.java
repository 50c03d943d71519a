package org.emospark.train;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;

/**
 * Assembles the next batch on a background thread while the network works on the current one, and
 * measures how long the training loop waits for data: the time {@link #next()} blocks. Batches are built
 * in the order given; one is in flight at a time, so memory holds at most two batches.
 */
final class BatchPrefetcher implements AutoCloseable {
    private final List<List<Window>> batches;
    private final Function<List<Window>, WindowBatch> assemble;
    private final ExecutorService worker;
    private Future<WindowBatch> pending;
    private int next;
    private long waitNanos;

    BatchPrefetcher(List<List<Window>> batches, Function<List<Window>, WindowBatch> assemble) {
        this.batches = batches;
        this.assemble = assemble;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "emospark-batch-prefetch");
            t.setDaemon(true);
            return t;
        });
        submitNext();
    }

    boolean hasNext() {
        return pending != null;
    }

    /** The next batch; blocks (and counts the wait) until it is built. */
    WindowBatch next() throws InterruptedException {
        long started = System.nanoTime();
        WindowBatch batch;
        try {
            batch = pending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Building a training batch failed: " + e.getCause().getMessage(), e.getCause());
        }
        waitNanos += System.nanoTime() - started;
        submitNext();
        return batch;
    }

    /** Total time spent blocked in {@link #next()}. */
    long waitNanos() {
        return waitNanos;
    }

    private void submitNext() {
        if (next < batches.size()) {
            List<Window> windows = batches.get(next++);
            pending = worker.submit(() -> assemble.apply(windows));
        } else {
            pending = null;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
