package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/gpu/discover-gpus.sh must print the ordinals the executor's CUDA runtime uses, since a task passes
 * the address straight to {@link DeviceChoice} and DJL: with CUDA_VISIBLE_DEVICES=3,5 the process sees GPUs 0
 * and 1, and "3" would name a device that does not exist.
 */
class GpuDiscoveryScriptTest {

    private static String discover(String cudaVisibleDevices) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "deploy/gpu/discover-gpus.sh"));
        Map<String, String> env = pb.environment();
        env.put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void narrowedDevicesAreRenumberedFromZero() throws Exception {
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", discover("3,5"));
    }

    @Test
    void uuidsCountAsDevices() throws Exception {
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\", \"2\"]}", discover("GPU-a1,GPU-b2,GPU-c3"));
    }

    @Test
    void emptyOrHiddenMeansNoGpu() throws Exception {
        assertEquals("{\"name\": \"gpu\", \"addresses\": []}", discover(""));
        assertEquals("{\"name\": \"gpu\", \"addresses\": []}", discover("-1"));
    }

    @Test
    void cudaStopsAtTheFirstInvalidEntry() throws Exception {
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\"]}", discover("2,-1,4"));
    }
}
