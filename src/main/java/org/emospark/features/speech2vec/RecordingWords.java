package org.emospark.features.speech2vec;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.emospark.lake.PcmSource;

/**
 * The spoken words of one recording: each word's samples cut at its timing, its MFCCs, then every coefficient
 * centred and scaled to unit variance over all the recording's word frames (cepstral mean and variance
 * normalisation), so that the same word sounds alike across microphones, rooms and recording levels. Words are read
 * in order of their start, so the audio can stream forward ({@link org.emospark.lake.ForwardPcmSource}).
 */
public final class RecordingWords {
    /** Why a word has no frames. */
    public enum Skip {
        /** Its timing ends where it starts (or before). */
        NO_DURATION,
        /** It starts at or after the end of the recording's audio. */
        OUTSIDE_AUDIO;

        public String reason() {
            return switch (this) {
                case NO_DURATION -> "the word's timing has no duration";
                case OUTSIDE_AUDIO -> "the word starts after the recording's audio ends";
            };
        }
    }

    /** A word left out, and why. */
    public record Skipped(TimedWord word, Skip why) {
    }

    /** The recording's spoken words in transcript order, and the words left out. */
    public record Result(List<SpokenWord> words, List<Skipped> skipped) {
    }

    /** Segments whose MFCCs are computed in one batch: bounds the windows held at once. */
    static final int SEGMENTS_PER_BATCH = 256;
    private static final float MIN_DEVIATION = 1e-3f;

    private RecordingWords() {
    }

    public static Result of(NDManager manager, String recordingId, PcmSource audio, Mfcc mfcc, List<TimedWord> words,
                            int maxFrames) {
        List<TimedWord> byStart = new ArrayList<>(words);
        byStart.sort(Comparator.comparingDouble(TimedWord::startS).thenComparingInt(TimedWord::wordIndex));
        List<TimedWord> kept = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<float[]> batch = new ArrayList<>();
        int rate = mfcc.sampleRate();
        for (TimedWord w : byStart) {
            long start = Math.max(0, Math.round(w.startS() * rate));
            long end = Math.min(audio.length(), Math.round(w.endS() * rate));
            if (start >= audio.length()) {
                skipped.add(new Skipped(w, Skip.OUTSIDE_AUDIO));
                continue;
            }
            if (end <= start) {
                skipped.add(new Skipped(w, Skip.NO_DURATION));
                continue;
            }
            // Never more than the frames kept: a long word costs no more than maxFrames windows.
            int length = (int) Math.min(end - start, (long) (maxFrames - 1) * mfcc.hopSamples() + mfcc.windowSamples());
            float[] samples = new float[length];
            audio.read(start, samples, 0, length);
            batch.add(samples);
            kept.add(w);
            if (batch.size() == SEGMENTS_PER_BATCH) {
                features.addAll(mfcc.of(manager, batch, maxFrames));
                batch.clear();
            }
        }
        features.addAll(mfcc.of(manager, batch, maxFrames));
        normalise(features);
        List<SpokenWord> out = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            TimedWord w = kept.get(i);
            out.add(new SpokenWord(recordingId, w.wordIndex(), w.utteranceIndex(), w.word(), features.get(i)));
        }
        out.sort(Comparator.comparingInt(SpokenWord::wordIndex));
        skipped.sort(Comparator.comparingInt(k -> k.word().wordIndex()));
        return new Result(out, skipped);
    }

    /** Centres and scales every coefficient over all frames, in place. */
    static void normalise(List<float[]> features) {
        int c = Mfcc.COEFFICIENTS;
        double[] sum = new double[c];
        double[] squares = new double[c];
        long frames = 0;
        for (float[] f : features) {
            for (int i = 0; i < f.length; i++) {
                sum[i % c] += f[i];
                squares[i % c] += (double) f[i] * f[i];
            }
            frames += f.length / c;
        }
        if (frames == 0) {
            return;
        }
        float[] mean = new float[c];
        float[] scale = new float[c];
        for (int k = 0; k < c; k++) {
            double m = sum[k] / frames;
            double variance = Math.max(0, squares[k] / frames - m * m);
            mean[k] = (float) m;
            // A coefficient that never varies (one frame, digital silence) is centred, not blown up.
            scale[k] = (float) (1 / Math.max(MIN_DEVIATION, Math.sqrt(variance)));
        }
        for (float[] f : features) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (f[i] - mean[i % c]) * scale[i % c];
            }
        }
    }
}
