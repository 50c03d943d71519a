package org.emospark.frames;

import java.util.Objects;
import org.emospark.lake.PcmSource;

/**
 * Everything the whole network needs of one recording, frame-aligned: its audio (read window by window), which
 * frames are the subject's, the semantic vector of every frame and, when the recording is labelled, the
 * gold arousal, valence and liking of every frame. {@code numFrames} is the number of labelled frames
 * (the authors frame a recording by its label rows); unlabelled recordings are framed by their audio.
 *
 * @param semantic {@code numFrames * semanticDims} floats, frame-major; zeros where nobody speaks
 * @param labels {@code numFrames * 3} floats (arousal, valence, liking per frame), or {@code null}
 * @param timing per frame, the timing of the utterance its word belongs to
 */
public record RecordingExample(String recordingId, String split, int numFrames, PcmSource pcm, boolean[] subject,
                               int semanticDims, float[] semantic, float[] labels, UtteranceTiming timing)
        implements FramedExample {

    public RecordingExample {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(semantic, "semantic");
        FramedExample.checkTiming(recordingId, numFrames, timing);
        if (numFrames < 1 || subject.length != numFrames || semantic.length != (long) numFrames * semanticDims
                || (labels != null && labels.length != (long) numFrames * OUTPUTS)) {
            throw new IllegalArgumentException("Recording " + recordingId + ": " + numFrames + " frames need "
                    + numFrames + " subject flags (got " + subject.length + "), " + numFrames + " x " + semanticDims
                    + " semantic values (got " + semantic.length + ") and " + numFrames + " x 3 labels (got "
                    + (labels == null ? "none" : labels.length) + ")");
        }
    }

    /** A recording whose utterances' timing is unknown. */
    public RecordingExample(String recordingId, String split, int numFrames, PcmSource pcm, boolean[] subject,
                            int semanticDims, float[] semantic, float[] labels) {
        this(recordingId, split, numFrames, pcm, subject, semanticDims, semantic, labels,
                UtteranceTiming.none(Math.max(0, numFrames)));
    }
}
