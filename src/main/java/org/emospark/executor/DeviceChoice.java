package org.emospark.executor;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which device a Spark task runs the network on: the GPU Spark assigned to the task, else the CPU.
 *
 * <p>With {@code spark.task.resource.gpu.amount} set, Spark hands each task the addresses of its GPUs (what the
 * discovery script printed, e.g. {@code "1"}); a task must use that one, not GPU 0, or several tasks of an
 * executor would share one GPU while the others idle. The addresses must be CUDA device indices as the executor
 * process sees them; a UUID or any other spelling is refused with a message rather than mapped to some device.
 */
public final class DeviceChoice {
    /** The resource name Spark's GPU scheduling uses ({@code spark.task.resource.gpu.amount}). */
    public static final String GPU = "gpu";

    private DeviceChoice() {
    }

    /** The device of the running Spark task; the CPU outside a task (driver code, plain tests). */
    public static Device forCurrentTask() {
        TaskContext task = TaskContext.get();
        return task == null ? Device.cpu() : of(task.resourcesJMap());
    }

    /** The first GPU address in {@code resources}, or the CPU when the task holds no GPU. */
    public static Device of(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources == null ? null : resources.get(GPU);
        return forAddresses(gpu == null ? null : gpu.addresses());
    }

    /**
     * The device for a task's GPU addresses: {@code gpu(first address)}, or the CPU when there are none.
     *
     * @throws IllegalArgumentException when the first address is not a device index (a whole number >= 0)
     */
    public static Device forAddresses(String[] gpuAddresses) {
        if (gpuAddresses == null || gpuAddresses.length == 0) {
            return Device.cpu();
        }
        String address = gpuAddresses[0];
        int index;
        try {
            index = Integer.parseInt(address == null ? "" : address.trim());
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0) {
            throw new IllegalArgumentException("Spark assigned this task GPU address '" + address + "', which is not a "
                    + "CUDA device index (a whole number >= 0): make the GPU discovery script "
                    + "(spark.executor.resource.gpu.discoveryScript) print device indices");
        }
        return Device.gpu(index);
    }
}
