package org.emospark.lake;

import java.util.Objects;

/** Another source's samples times a constant gain: how a recording's level is normalised without copying it. */
public final class ScaledPcmSource implements PcmSource {
    private final PcmSource source;
    private final float gain;

    public ScaledPcmSource(PcmSource source, float gain) {
        this.source = Objects.requireNonNull(source, "source");
        if (!Float.isFinite(gain) || gain <= 0) {
            throw new IllegalArgumentException("A gain must be finite and positive, cannot be: " + gain);
        }
        this.gain = gain;
    }

    @Override
    public long length() {
        return source.length();
    }

    @Override
    public void read(long startSample, float[] dst, int off, int len) {
        source.read(startSample, dst, off, len);
        for (int i = off; i < off + len; i++) {
            dst[i] *= gain;
        }
    }
}
