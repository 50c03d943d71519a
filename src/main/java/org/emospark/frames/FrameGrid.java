package org.emospark.frames;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The 100 ms frame grid of the labels and the rule that puts a time on it.
 *
 * <p>The paper's rule is Python's {@code round(t, 1) * 10}: round half to even on the <em>exact
 * binary value</em> of the double, not on its decimal spelling. So {@code 0.25} (exactly 0.25) goes
 * to frame 2, {@code 0.35} (0.34999999999999997...) to 3, {@code 0.45} (0.45000000000000001...) to 5,
 * {@code 0.05} (0.05000000000000000277...) to 1, {@code 0.15} (0.14999999999999999444...) to 1 and
 * {@code 2.65} (2.64999999999999991...) to 26. {@link BigDecimal#BigDecimal(double)} gives that
 * exact value and {@link RoundingMode#HALF_EVEN} the rounding; multiplying the rounded tenth by 10
 * gives an exact whole number in Python for every tenth, so no truncation question arises.
 */
public final class FrameGrid {
    /** The frame step the labels use and the paper's rounding rule assumes. */
    public static final double FRAME_SECONDS = 0.1;

    private FrameGrid() {
    }

    /** The frame of a time per the paper's rule, {@code round(seconds, 1) * 10}. */
    public static int frameOf(double seconds) {
        return toInt(frameIndex(seconds, TimePrecision.DOUBLE), seconds);
    }

    /** As {@link #frameOf(double)}, with the time first narrowed per {@code precision} (see {@link TimePrecision}). */
    public static int frameOf(double seconds, TimePrecision precision) {
        return toInt(frameIndex(seconds, precision), seconds);
    }

    /**
     * The nearest frame of a grid with step {@code frameSeconds}: the exact binary value of
     * {@code seconds} divided by the step taken as its shortest decimal spelling ({@code 0.1} means
     * exactly one tenth), rounded half to even. For a step of 0.1 this is {@link #frameOf(double)}.
     */
    public static int frameOf(double seconds, double frameSeconds) {
        checkSeconds(seconds);
        BigInteger frame = new BigDecimal(seconds).divide(step(frameSeconds), 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (frame.bitLength() > 31) {
            throw new IllegalArgumentException("Time " + seconds + " s is beyond the last representable frame of step "
                    + frameSeconds + " s");
        }
        return frame.intValue();
    }

    /**
     * How many frames of {@code frameSeconds} cover {@code numSamples} at {@code sampleRate}:
     * {@code ceil(numSamples / (sampleRate * frameSeconds))}, computed exactly (the last frame is
     * zero-padded). Note the authors' code takes the frame count from the label rows and pads the
     * audio by {@code 2205 - n % 2205} samples, a whole extra frame when {@code n} is a multiple.
     */
    public static int framesFor(long numSamples, int sampleRate, double frameSeconds) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("Number of samples must be at least 0, cannot be: " + numSamples);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("Sample rate must be at least 1 Hz, cannot be: " + sampleRate);
        }
        BigDecimal samplesPerFrame = BigDecimal.valueOf(sampleRate).multiply(step(frameSeconds));
        BigInteger frames = BigDecimal.valueOf(numSamples).divide(samplesPerFrame, 0, RoundingMode.CEILING)
                .toBigIntegerExact();
        if (frames.bitLength() > 31) {
            throw new IllegalArgumentException(numSamples + " samples at " + sampleRate + " Hz make more than "
                    + Integer.MAX_VALUE + " frames of " + frameSeconds + " s");
        }
        return frames.intValue();
    }

    /**
     * The paper's frame of a time as a long, saturating at {@link Long#MAX_VALUE} for absurd times,
     * so callers that cap at the last frame never overflow.
     */
    public static long frameIndex(double seconds, TimePrecision precision) {
        checkSeconds(seconds);
        BigInteger tenths = new BigDecimal(precision.narrow(seconds)).setScale(1, RoundingMode.HALF_EVEN).unscaledValue();
        return tenths.bitLength() > 62 ? Long.MAX_VALUE : tenths.longValue();
    }

    private static int toInt(long frame, double seconds) {
        if (frame > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Time " + seconds + " s is beyond the last representable frame");
        }
        return (int) frame;
    }

    private static void checkSeconds(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("Time must be a finite number of seconds >= 0, cannot be: " + seconds);
        }
    }

    private static BigDecimal step(double frameSeconds) {
        if (!Double.isFinite(frameSeconds) || !(frameSeconds > 0)) {
            throw new IllegalArgumentException("Frame step must be a positive finite number of seconds, cannot be: "
                    + frameSeconds);
        }
        return BigDecimal.valueOf(frameSeconds);
    }
}
