package org.emospark.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Makes Java free the direct buffers nothing references any more, and hands their memory out again, overwritten. */
public final class FreedMemory {
    /** What the reused memory is filled with. */
    public static final float FILL = 777f;

    private FreedMemory() {
    }

    /**
     * Collects garbage, gives the cleaners time to free unreachable direct buffers, then allocates many small ones
     * filled with {@link #FILL}: malloc hands the most recently freed chunks out first. Keep the returned buffers
     * until the check is over, so that their memory is not freed again meanwhile.
     */
    public static List<ByteBuffer> reuse() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            b.putFloat(0, FILL).putFloat(4, FILL);
            held.add(b);
        }
        return held;
    }
}
