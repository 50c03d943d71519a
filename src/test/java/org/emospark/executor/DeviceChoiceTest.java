package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    private static Map<String, ResourceInformation> resources(String name, String... addresses) {
        return Map.of(name, new ResourceInformation(name, addresses));
    }

    @Test
    void aTaskHoldingAGpuRunsOnThatGpuNotOnGpuZero() {
        assertEquals(Device.gpu(3), DeviceChoice.of(resources("gpu", "3")));
        assertEquals(Device.gpu(1), DeviceChoice.of(resources("gpu", "1", "0")), "the first address Spark lists");
    }

    @Test
    void aTaskWithoutAGpuRunsOnTheCpu() {
        assertEquals(Device.cpu(), DeviceChoice.of(Map.of()));
        assertEquals(Device.cpu(), DeviceChoice.of(null));
        assertEquals(Device.cpu(), DeviceChoice.of(resources("fpga", "0")), "another resource is not a GPU");
        assertEquals(Device.cpu(), DeviceChoice.of(resources("gpu")), "a GPU resource with no address");
    }

    @Test
    void outsideASparkTaskTheCpuIsChosen() {
        assertEquals(Device.cpu(), DeviceChoice.forCurrentTask());
    }

    @Test
    void aGpuAddressThatIsNotADeviceIndexIsAnErrorNamingIt() {
        for (String bad : new String[] {"GPU-8f3c2a10-uuid", "-1", "", " ", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceChoice.of(resources("gpu", bad)), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("device index"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.forAddresses(new String[] {null}));
    }
}
