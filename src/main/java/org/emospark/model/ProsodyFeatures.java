package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Prosodic descriptors of every frame half, computed from the same raw samples the CNN hears and appended to
 * its features ({@link ModelConfig#prosody()}): {@value #PER_HALF} numbers per half, {@value #PER_FRAME} per frame
 * (subject half first, as in the frame input).
 *
 * <p>Why: arousal lives in pitch, loudness and tempo. Within a recording the frame's pitch correlates 0.7-0.9
 * with arousal on the sample corpus, yet the CNN, whose first kernel spans 0.4 ms, has to discover pitch from
 * a few hundred seconds of raw waveform and does so for the voices it was trained on only. These descriptors
 * hand it pitch and the energy contour directly, as most speech-emotion front ends do (eGeMAPS's F0 and
 * loudness); the network still learns everything else from the waveform.
 *
 * <p>Per half of {@code S} samples at {@code sr} Hz:
 * <ul>
 *   <li>{@value #SUB_FRAMES} log energies of consecutive quarter frames (25 ms at 100 ms frames), as
 *       {@code (10 log10(mean x^2 + 1e-10) + 40) / 20}: a level of -20 dBFS is 1, digital silence -3;</li>
 *   <li>voicing: the largest normalised autocorrelation {@code r(l) / r(0)} over the lags of 60 to 450 Hz
 *       (biased estimate, so a multiple of the period scores below the period itself);</li>
 *   <li>pitch: {@code log2(f0 / 150 Hz)} at that lag where voicing is at least {@value #VOICED}, else 0.</li>
 * </ul>
 * The autocorrelation is the inverse real FFT of the power spectrum, zero-padded past the longest lag so that
 * no circular wrap reaches the lags read. No parameters; the values do not depend on the batch.
 */
public final class ProsodyFeatures {
    public static final int SUB_FRAMES = 4;
    /** Where a half's voicing and pitch sit among its {@link #PER_HALF} values, after the sub-frame energies. */
    public static final int VOICING = SUB_FRAMES;
    public static final int PITCH = SUB_FRAMES + 1;
    public static final int PER_HALF = SUB_FRAMES + 2;
    public static final int PER_FRAME = 2 * PER_HALF;
    static final double MIN_F0_HZ = 60;
    static final double MAX_F0_HZ = 450;
    static final double REFERENCE_F0_HZ = 150;
    static final float VOICED = 0.45f;

    private ProsodyFeatures() {
    }

    /**
     * The descriptors of a window.
     *
     * @param audio {@code [B, T * frameInput]} frame input (each frame: subject half, interlocutor half)
     * @param frames {@code T}
     * @param config gives the sample rate and samples per half
     * @return {@code [B, T, PER_FRAME]}
     */
    public static NDArray of(NDArray audio, long frames, ModelConfig config) {
        long batch = audio.getShape().get(0);
        int half = config.frameSamples();
        int sr = config.sampleRate();
        NDArray x = audio.reshape(batch * frames * 2, half);
        NDArray energies = subFrameEnergies(x, half);
        NDArray[] pitch = pitch(x, half, sr);
        return energies.concat(pitch[0].expandDims(1), 1).concat(pitch[1].expandDims(1), 1)
                .reshape(batch, frames, PER_FRAME);
    }

    private static NDArray subFrameEnergies(NDArray x, int half) {
        int sub = half / SUB_FRAMES;
        NDArray quarters = x.get(":, 0:" + (sub * SUB_FRAMES)).reshape(x.getShape().get(0), SUB_FRAMES, sub);
        return quarters.square().mean(new int[] {2}).add(1e-10f).log10().mul(10f).add(40f).div(20f);
    }

    /** {voicing, pitch} of every row of {@code x}, each {@code [N]}. */
    private static NDArray[] pitch(NDArray x, int half, int sr) {
        int minLag = Math.max(1, (int) Math.floor(sr / MAX_F0_HZ));
        int maxLag = Math.min(half - 1, (int) Math.ceil(sr / MIN_F0_HZ));
        long fftLength = Long.highestOneBit((long) half + maxLag) << 1;
        NDArray power = x.rfft(fftLength, 1).abs().square();
        NDArray ac = power.irfft(fftLength, 1);
        NDArray r = ac.get(":, " + minLag + ":" + (maxLag + 1)).div(ac.get(":, 0:1").add(1e-9f));
        NDArray voicing = r.max(new int[] {1}).clip(0f, 1f);
        NDArray lag = r.argMax(1).toType(DataType.FLOAT32, false).add((float) minLag);
        NDArray logF0 = lag.pow(-1f).mul((float) (sr / REFERENCE_F0_HZ)).log2();
        NDArray voiced = voicing.gte(VOICED).toType(DataType.FLOAT32, false);
        return new NDArray[] {voicing, logF0.mul(voiced)};
    }
}
