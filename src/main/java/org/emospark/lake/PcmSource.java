package org.emospark.lake;

/**
 * Random access to the mono samples of one recording, so that a window of frames can be cut out
 * without materialising the whole recording. Positions at or beyond {@link #length()} read as zeros:
 * this is the paper's zero padding at the end of the signal.
 */
public interface PcmSource {
    /** Number of real samples in the recording. */
    long length();

    /**
     * Copies samples {@code [startSample, startSample + len)} into {@code dst[off .. off + len)},
     * zeros for positions at or beyond {@link #length()}.
     *
     * @throws IllegalArgumentException when {@code startSample < 0} or {@code len < 0}
     * @throws IndexOutOfBoundsException when the destination range does not fit {@code dst}
     */
    void read(long startSample, float[] dst, int off, int len);

    /** A source over an in-memory array (not copied: later changes to {@code samples} show through). */
    static PcmSource of(float[] samples) {
        return new ArrayPcmSource(samples);
    }
}
