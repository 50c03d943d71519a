package org.emospark.corpus.audio;

import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/** Entry point for sample-rate conversion; see {@link Resampler} for what the conversion guarantees. */
public final class Resampling {
    /** Down-sampling by more than this would need filters of many thousands of taps. */
    public static final int MAX_DOWNSAMPLING_FACTOR = 256;

    private Resampling() {
    }

    /**
     * {@code src} at {@code targetRate}: {@code src} itself when it already has that rate, otherwise a
     * streaming {@link Resampler} over it (closing which closes {@code src}).
     *
     * @throws InputRejectedException UNSUPPORTED_AUDIO when the source rate is more than
     *                                {@value #MAX_DOWNSAMPLING_FACTOR} times the target
     */
    public static MonoAudioStream to(MonoAudioStream src, int targetRate) throws InputRejectedException {
        Objects.requireNonNull(src, "src");
        if (targetRate <= 0) {
            throw new IllegalArgumentException("Target sample rate must be positive, cannot be: " + targetRate);
        }
        int rate = src.sampleRate();
        if (rate == targetRate) {
            return src;
        }
        if ((long) rate > (long) MAX_DOWNSAMPLING_FACTOR * targetRate) {
            throw new InputRejectedException(RejectReason.UNSUPPORTED_AUDIO, "audio at " + rate + " Hz ("
                    + src.description().describe() + ") cannot be resampled to " + targetRate
                    + " Hz: at most " + MAX_DOWNSAMPLING_FACTOR + " times the target rate is supported");
        }
        return new Resampler(src, ResamplingFilter.forRates(rate, targetRate));
    }
}
