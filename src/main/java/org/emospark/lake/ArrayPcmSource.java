package org.emospark.lake;

import java.util.Arrays;
import java.util.Objects;

/** A {@link PcmSource} over a float array; see {@link PcmSource#of(float[])}. */
public final class ArrayPcmSource implements PcmSource {
    private final float[] samples;

    public ArrayPcmSource(float[] samples) {
        this.samples = Objects.requireNonNull(samples, "samples");
    }

    @Override
    public long length() {
        return samples.length;
    }

    @Override
    public void read(long startSample, float[] dst, int off, int len) {
        checkRead(startSample, dst, off, len);
        int real = (int) Math.max(0, Math.min(len, samples.length - startSample));
        if (real > 0) {
            System.arraycopy(samples, (int) startSample, dst, off, real);
        }
        Arrays.fill(dst, off + real, off + len, 0f);
    }

    static void checkRead(long startSample, float[] dst, int off, int len) {
        if (startSample < 0 || len < 0) {
            throw new IllegalArgumentException("Cannot read " + len + " samples from sample " + startSample
                    + ": start and length must be at least 0");
        }
        Objects.checkFromIndexSize(off, len, dst.length);
    }
}
