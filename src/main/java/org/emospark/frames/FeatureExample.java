package org.emospark.frames;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the fusion network needs of one recording, frame-aligned: the CNN's features of every frame (as
 * {@code paralinguistic_frames} stores them), which frames are the subject's, the word vector of every frame and, when
 * labelled, the gold values.
 * No audio: training from these never runs the CNN. Serializable, so a sweep can broadcast its examples to the
 * executors that train.
 *
 * @param features {@code numFrames * featureDims} floats, frame-major
 * @param semantic {@code numFrames * semanticDims} floats, frame-major; zeros where nobody speaks
 * @param labels {@code numFrames * 3} floats, or {@code null}
 * @param timing per frame, the timing of the utterance its word belongs to
 */
public record FeatureExample(String recordingId, String split, int numFrames, int featureDims, float[] features,
                             boolean[] subject, int semanticDims, float[] semantic, float[] labels, UtteranceTiming timing)
        implements FramedExample, Serializable {

    public FeatureExample {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(semantic, "semantic");
        FramedExample.checkTiming(recordingId, numFrames, timing);
        if (numFrames < 1 || featureDims < 1 || features.length != (long) numFrames * featureDims
                || subject.length != numFrames
                || semantic.length != (long) numFrames * semanticDims
                || (labels != null && labels.length != (long) numFrames * OUTPUTS)) {
            throw new IllegalArgumentException("Recording " + recordingId + ": " + numFrames + " frames need "
                    + numFrames + " x " + featureDims + " features (got " + features.length + "), " + numFrames + " x "
                    + semanticDims + " semantic values (got " + semantic.length + ") and " + numFrames
                    + " x 3 labels (got " + (labels == null ? "none" : labels.length) + "), " + numFrames
                    + " subject flags (got " + subject.length + ")");
        }
    }

    /** A recording whose utterances' timing is unknown. */
    public FeatureExample(String recordingId, String split, int numFrames, int featureDims, float[] features,
                          boolean[] subject, int semanticDims, float[] semantic, float[] labels) {
        this(recordingId, split, numFrames, featureDims, features, subject, semanticDims, semantic, labels,
                UtteranceTiming.none(Math.max(0, numFrames)));
    }
}
