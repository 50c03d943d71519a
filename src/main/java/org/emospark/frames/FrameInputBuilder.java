package org.emospark.frames;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emospark.lake.PcmSource;

/**
 * The paper's faithful frame input ({@code shared/paper.md}, "Framing"): each frame of audio becomes
 * {@code frameInput = 2 x frameSamples} values, the audio in the first (subject) half when the frame lies
 * inside a subject turn, in the second (interlocutor) half otherwise, the other half zeros.
 *
 * <p><b>Samples of a frame.</b> Frame {@code i} covers samples {@code [i * frameSamples, (i + 1) * frameSamples)},
 * i.e. {@code [round(t_i * sr), + sr/10)} with {@code t_i = i * 0.1}: at 22050 Hz frame i starts at
 * {@code i * 2205}, at 16 kHz at {@code i * 1600}. Samples past the end of the recording are zeros (the
 * paper's zero padding to a whole number of frames); samples past the last of {@code numFrames} frames are
 * not used. The caller chooses {@code numFrames}: the label row count as the authors do, or
 * {@link #framesFor(long)} to cover all the audio.
 *
 * <p><b>"The frame lies inside a subject turn"</b> is decided on the frame grid, as the authors' code maps
 * turns (and words): a subject turn {@code [start, end]} marks frames
 * {@code frameOf(start) .. frameOf(end)} <em>inclusive</em>, with {@link FrameGrid#frameOf(double, TimePrecision)}
 * (Python's {@code round(t, 1) * 10}, half to even; {@link TimePrecision#FLOAT32} narrows the time to float32
 * first as the authors' code does), capped at the last frame; a turn starting after the last frame marks
 * nothing. A frame is the subject's when any subject turn marks it, so the frames touched by both ends of a
 * turn count as the subject's even if the turn covers only part of them, and overlapping turns simply
 * union. Example: a turn [0.25, 0.35] s marks frames 2 (0.25 rounds half-to-even down to 0.2) and 3 (the
 * double 0.35 is 0.34999..., so 0.3), i.e. samples [2 * 2205, 4 * 2205) at 22050 Hz.
 *
 * <p><b>No turns file.</b> {@code null} or an empty list of subject turns means there is no turns
 * information, and every frame is the subject's (paper: "without a turns file, treat all speech as the
 * subject's"). An empty list is treated the same way on purpose: a turns file that lists no subject turn
 * would put the whole recording in the interlocutor half and leave the subject half silent, which in
 * this corpus signals missing data, not a recording without the subject. Callers who really mean
 * "never the subject" pass an all-false mask to the mask-taking methods.
 *
 * <p>Layout is frame-major: frame {@code f} of a block occupies {@code [f * frameInput, (f + 1) * frameInput)},
 * subject half first. Stateless and thread-safe; plain Java.
 */
public final class FrameInputBuilder {
    /** Times at or beyond this many seconds are past any frame an int can index (2e9 frames of 0.1 s). */
    private static final double BEYOND_INT_FRAMES_S = 2e8;

    private final int sampleRate;
    private final double frameSeconds;
    private final int frameSamples;
    private final TimePrecision precision;

    /**
     * @param sampleRate audio sample rate in Hz
     * @param frameSeconds frame hop and length; a frame holds {@code round(sampleRate * frameSeconds)} samples
     * @param precision how turn times are rounded onto the frame grid ({@link TimePrecision#FLOAT32} is the authors' code)
     */
    public FrameInputBuilder(int sampleRate, double frameSeconds, TimePrecision precision) {
        if (sampleRate < 1 || !(frameSeconds > 0)) {
            throw new IllegalArgumentException("Sample rate and frame length must be positive, cannot be: "
                    + sampleRate + " Hz, " + frameSeconds + " s");
        }
        this.precision = Objects.requireNonNull(precision, "precision");
        this.sampleRate = sampleRate;
        this.frameSeconds = frameSeconds;
        this.frameSamples = (int) Math.round(sampleRate * frameSeconds);
    }

    /** The authors' code: 22050 Hz, 100 ms frames and float32 turn times. */
    public static FrameInputBuilder faithful() {
        return new FrameInputBuilder(22050, 0.1, TimePrecision.FLOAT32);
    }

    /** Samples per frame: 2205 at 22050 Hz. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Values per frame, {@code 2 * frameSamples}: 4410 at 22050 Hz. */
    public int frameInput() {
        return 2 * frameSamples;
    }

    /** The first sample of frame {@code frame}: {@code frame * frameSamples}. */
    public long frameStartSample(long frame) {
        return frame * frameSamples;
    }

    /** Frames that cover {@code numSamples} samples, the last zero-padded ({@link FrameGrid#framesFor}). */
    public int framesFor(long numSamples) {
        return FrameGrid.framesFor(numSamples, sampleRate, frameSeconds);
    }

    /**
     * Which of {@code numFrames} frames are the subject's (see the class comment): all of them when
     * {@code subjectTurns} is {@code null} or empty (no turns file), else the union of the frames each turn marks.
     */
    public boolean[] subjectFrames(List<TurnSpan> subjectTurns, int numFrames) {
        if (numFrames < 0) {
            throw new IllegalArgumentException("Number of frames must be at least 0, cannot be: " + numFrames);
        }
        boolean[] subject = new boolean[numFrames];
        if (subjectTurns == null || subjectTurns.isEmpty()) {
            Arrays.fill(subject, true);
            return subject;
        }
        for (int i = 0; i < subjectTurns.size(); i++) {
            TurnSpan turn = Objects.requireNonNull(subjectTurns.get(i), "subject turn " + i);
            int first = frameOf(turn.startS());
            if (first >= numFrames) {
                continue;
            }
            int last = Math.min(frameOf(turn.endS()), numFrames - 1);
            Arrays.fill(subject, first, last + 1, true);
        }
        return subject;
    }

    /**
     * The whole recording's frame input, {@code numFrames * frameInput} floats, frame-major. For long
     * recordings prefer {@link #fill} per window: an hour at 22050 Hz is 36000 x 4410 floats (635 MB).
     */
    public float[] build(float[] pcm, int numFrames, List<TurnSpan> subjectTurns) {
        Objects.requireNonNull(pcm, "pcm");
        boolean[] subject = subjectFrames(subjectTurns, numFrames);
        long size = (long) numFrames * frameInput();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(numFrames + " frames x " + frameInput()
                    + " values do not fit one array; build it window by window with fill()");
        }
        float[] out = new float[(int) size];
        fill(PcmSource.of(pcm), subject, 0, numFrames, out, 0);
        return out;
    }

    /**
     * Writes frames {@code [from, to)} into {@code dst} from {@code dstOffset}, {@code (to - from) * frameInput}
     * floats, frame-major, reading only those frames' samples from {@code pcm}.
     *
     * @param subject per-frame subject flags of the recording, from {@link #subjectFrames}; its length is the
     *                recording's frame count and bounds {@code to}
     */
    public void fill(PcmSource pcm, boolean[] subject, int from, int to, float[] dst, int dstOffset) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(dst, "dst");
        if (from < 0 || to < from || to > subject.length) {
            throw new IllegalArgumentException("Frame range [" + from + ", " + to + ") must lie within the recording's "
                    + subject.length + " frames");
        }
        int fi = frameInput();
        Objects.checkFromIndexSize(dstOffset, (to - from) * fi, dst.length);
        for (int f = from; f < to; f++) {
            int base = dstOffset + (f - from) * fi;
            int audioAt = subject[f] ? base : base + frameSamples;
            int zerosAt = subject[f] ? base + frameSamples : base;
            pcm.read(frameStartSample(f), dst, audioAt, frameSamples);
            Arrays.fill(dst, zerosAt, zerosAt + frameSamples, 0f);
        }
    }

    /**
     * Writes one window, {@code window.frames() * frameInput} floats: its {@code validFrames} real frames, then
     * all-zero padding frames (both halves zero) up to {@code window.frames()}.
     */
    public void fill(PcmSource pcm, boolean[] subject, Window window, float[] dst, int dstOffset) {
        Objects.requireNonNull(window, "window");
        int fi = frameInput();
        Objects.checkFromIndexSize(dstOffset, window.frames() * fi, dst.length);
        fill(pcm, subject, window.startFrame(), window.startFrame() + window.validFrames(), dst, dstOffset);
        Arrays.fill(dst, dstOffset + window.validFrames() * fi, dstOffset + window.frames() * fi, 0f);
    }

    /** A new array holding one window; see {@link #fill(PcmSource, boolean[], Window, float[], int)}. */
    public float[] window(PcmSource pcm, boolean[] subject, Window window) {
        float[] out = new float[Math.multiplyExact(window.frames(), frameInput())];
        fill(pcm, subject, window, out, 0);
        return out;
    }

    private int frameOf(double seconds) {
        if (seconds >= BEYOND_INT_FRAMES_S) {
            return Integer.MAX_VALUE;
        }
        if (frameSeconds == FrameGrid.FRAME_SECONDS) {
            return FrameGrid.frameOf(seconds, precision);
        }
        double t = precision == TimePrecision.FLOAT32 ? (double) (float) seconds : seconds;
        return FrameGrid.frameOf(t, frameSeconds);
    }
}
