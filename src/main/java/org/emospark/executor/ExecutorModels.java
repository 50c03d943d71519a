package org.emospark.executor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;

/**
 * The one way executor-side code gets a model: a JVM-wide cache keyed by (warehouse root, model id, device).
 * The first task of an executor that asks for a model reads its manifest and parameters from the model store
 * (Hadoop FS, so local, hdfs:// or s3a://) and builds the network; every later task of that JVM, concurrent or
 * not, gets the same {@link SharedModel}. Tasks asking while the load runs wait for it instead of loading again.
 * A failed load caches nothing, so the next task tries again.
 *
 * <p>Cost: one copy of the parameters per model and device for the life of the executor (29 MB for the faithful
 * network); nothing is evicted, which suits batch jobs that score with one or a few models. {@link #loads()}
 * counts the loads this JVM has made, so tests (and curious operators) can see that a model is loaded once per
 * executor, not once per partition or row.
 */
public final class ExecutorModels {
    private static final ConcurrentMap<Key, SharedModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicLong LOADS = new AtomicLong();

    private record Key(String warehouseRoot, String modelId, Device device) {
    }

    private ExecutorModels() {
    }

    /**
     * The model on the device of the running task ({@link DeviceChoice#forCurrentTask()}), the calling thread's engine
     * threads set to the task's cores ({@link EngineThreads}).
     */
    public static SharedModel get(ModelRef ref) {
        EngineThreads.apply();
        return get(ref, DeviceChoice.forCurrentTask());
    }

    /** The model on {@code device}, loaded on first use in this JVM. */
    public static SharedModel get(ModelRef ref, Device device) {
        return MODELS.computeIfAbsent(new Key(ref.warehouseRoot(), ref.modelId(), device), key -> load(ref, device));
    }

    /** How many times this JVM has loaded a model from the store. */
    public static long loads() {
        return LOADS.get();
    }

    private static SharedModel load(ModelRef ref, Device device) {
        if (device.isGpu() && device.getDeviceId() >= Engine.getInstance().getGpuCount()) {
            throw new IllegalStateException("This task was given GPU " + device.getDeviceId() + " but the "
                    + Engine.getInstance().getEngineName() + " engine sees " + Engine.getInstance().getGpuCount()
                    + " GPU(s): the executor runs a CPU-only native library, or CUDA cannot see the device");
        }
        ModelStore store = new ModelStore(ref.warehouseRoot(), ref.hadoop().value());
        ModelManifest manifest = store.manifest(ref.modelId());
        NDManager manager = NDManager.newBaseManager(device);
        try {
            SpeechEmotionNet net = store.load(ref.modelId(), manager);
            LOADS.incrementAndGet();
            return new SharedModel(manifest, net, device);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }
}
