package org.emospark.features.semantic;

import java.util.Arrays;

/**
 * The semantic input of one recording: per frame the vector of the word spoken in it, zeros where
 * no word is. The arrays are handed over, not copied: they belong to the caller.
 *
 * @param numFrames             number of frames
 * @param dims                  values per frame
 * @param values                frame-major, {@code numFrames * dims} values: frame {@code f} is
 *                              {@code values[f * dims .. (f + 1) * dims)}, the layout of a {@code [T, D]} tensor
 * @param wordIndexPerFrame     per frame the index into the word list given to {@link WordFrames#fill}, or -1
 * @param framesWithWord        frames that got a word's vector
 * @param framesWithUnknownWord of those, frames whose word was not in the vocabulary (an OOV vector)
 */
public record SemanticFrames(int numFrames, int dims, float[] values, int[] wordIndexPerFrame, int framesWithWord,
        int framesWithUnknownWord) {
    public SemanticFrames {
        if (values.length != (long) numFrames * dims || wordIndexPerFrame.length != numFrames) {
            throw new IllegalArgumentException("Expected " + numFrames + " x " + dims + " values and " + numFrames
                    + " word indices, found " + values.length + " values and " + wordIndexPerFrame.length + " indices");
        }
    }

    /** A copy of frame {@code f}'s vector. */
    public float[] frame(int f) {
        return Arrays.copyOfRange(values, f * dims, (f + 1) * dims);
    }

    /** A copy as {@code [numFrames][dims]}. */
    public float[][] toMatrix() {
        float[][] m = new float[numFrames][];
        for (int f = 0; f < numFrames; f++) {
            m[f] = frame(f);
        }
        return m;
    }
}
