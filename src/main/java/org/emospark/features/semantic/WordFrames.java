package org.emospark.features.semantic;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emospark.corpus.text.TimedWord;
import org.emospark.features.embedding.VectorLookup;
import org.emospark.frames.FrameGrid;
import org.emospark.frames.TimePrecision;

/**
 * Puts timed words on the 100 ms frame grid, per the paper's rule: a word spanning
 * {@code [start, end]} fills frames {@code frameOf(start) .. frameOf(end)} inclusive
 * ({@link FrameGrid#frameOf(double)}), capped at the last frame; a word starting after the last
 * frame fills nothing; a later word in the list overwrites an earlier one where they share frames
 * (list order decides, not start times: pass the words in time order); frames without a word stay
 * zero. This is {@code process_word_mappings} of the authors' {@code data_generator.py}.
 *
 * <p>Each word's vector is looked up once, however many frames it fills. Costs
 * {@code O(words + frames * dims)}; stateless and thread-safe.
 */
public final class WordFrames {
    private WordFrames() {
    }

    /** {@link #wordIndexPerFrame(List, int, TimePrecision)} with {@link TimePrecision#DOUBLE}. */
    public static int[] wordIndexPerFrame(List<TimedWord> words, int numFrames) {
        return wordIndexPerFrame(words, numFrames, TimePrecision.DOUBLE);
    }

    /**
     * For each of {@code numFrames} frames the index into {@code words} (its list position, not
     * {@link TimedWord#wordIndex()}) of the word filling it, or -1.
     *
     * @throws IllegalArgumentException when a word's span is not finite with {@code 0 <= start <= end}
     */
    public static int[] wordIndexPerFrame(List<TimedWord> words, int numFrames, TimePrecision precision) {
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(precision, "precision");
        if (numFrames < 0) {
            throw new IllegalArgumentException("Number of frames must be at least 0, cannot be: " + numFrames);
        }
        int[] index = new int[numFrames];
        Arrays.fill(index, -1);
        for (int i = 0; i < words.size(); i++) {
            TimedWord w = words.get(i);
            double start = w.startS();
            double end = w.endS();
            if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end < start) {
                throw new IllegalArgumentException("Word " + i + " ('" + w.word() + "') spans [" + start + ", " + end
                        + "]; expected finite seconds with 0 <= start <= end");
            }
            long first = FrameGrid.frameIndex(start, precision);
            if (first >= numFrames) {
                continue;
            }
            long last = Math.min(FrameGrid.frameIndex(end, precision), numFrames - 1L);
            for (int f = (int) first; f <= last; f++) {
                index[f] = i;
            }
        }
        return index;
    }

    /** {@link #fill(List, int, VectorLookup, TimePrecision)} with {@link TimePrecision#DOUBLE}. */
    public static SemanticFrames fill(List<TimedWord> words, int numFrames, VectorLookup lookup) {
        return fill(words, numFrames, lookup, TimePrecision.DOUBLE);
    }

    /**
     * The semantic frame vectors: frame {@code f} holds the vector of the word filling it, from
     * {@code lookup} (known word, tag synonym or OOV vector), or zeros.
     *
     * @throws IllegalArgumentException for a bad span (see {@link #wordIndexPerFrame}) or a word that
     *                                  is not a normalised token (see {@link VectorLookup})
     */
    public static SemanticFrames fill(List<TimedWord> words, int numFrames, VectorLookup lookup, TimePrecision precision) {
        Objects.requireNonNull(lookup, "lookup");
        int[] index = wordIndexPerFrame(words, numFrames, precision);
        int dims = lookup.dims();
        long size = (long) numFrames * dims;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(numFrames + " frames x " + dims + " dims do not fit one array");
        }
        float[] values = new float[(int) size];
        // A word's frames need not be contiguous (a later word may cut into them): remember where its vector first went.
        int[] firstFrameOfWord = new int[words.size()];
        boolean[] unknown = new boolean[words.size()];
        Arrays.fill(firstFrameOfWord, -1);
        int withWord = 0;
        int withUnknown = 0;
        for (int f = 0; f < numFrames; f++) {
            int i = index[f];
            if (i < 0) {
                continue;
            }
            if (firstFrameOfWord[i] < 0) {
                TimedWord w = words.get(i);
                try {
                    unknown[i] = lookup.copyInto(w.word(), values, f * dims) == VectorLookup.Source.OOV;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Word " + i + " ('" + w.word() + "', [" + w.startS() + ", " + w.endS()
                            + "] s): " + e.getMessage(), e);
                }
                firstFrameOfWord[i] = f;
            } else {
                System.arraycopy(values, firstFrameOfWord[i] * dims, values, f * dims, dims);
            }
            withWord++;
            if (unknown[i]) {
                withUnknown++;
            }
        }
        return new SemanticFrames(numFrames, dims, values, index, withWord, withUnknown);
    }
}
