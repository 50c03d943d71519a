package org.emospark.frames;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recording cut into frames for the network, whatever form its paralinguistic input takes: raw audio for the
 * whole network ({@link RecordingExample}) or the CNN's stored features for the fusion network
 * ({@link FeatureExample}). Both carry the word vector of every frame and, when labelled, the gold values.
 */
public sealed interface FramedExample permits RecordingExample, FeatureExample {
    int OUTPUTS = 3;

    String recordingId();

    String split();

    /** Frames of the recording: the label rows when labelled (the authors' framing), else its audio's. */
    int numFrames();

    /** Which frames are the subject's, from its turns: all of them when the recording has no turns. */
    boolean[] subject();

    /** The recordings by id, in their order. */
    static Map<String, FramedExample> byId(List<? extends FramedExample> recordings) {
        Map<String, FramedExample> out = new LinkedHashMap<>();
        for (FramedExample r : recordings) {
            out.put(r.recordingId(), r);
        }
        return out;
    }

    /** {@link #subject()} of each recording, by recording id. */
    static Map<String, boolean[]> subjectFramesById(List<? extends FramedExample> recordings) {
        Map<String, boolean[]> out = new HashMap<>();
        for (FramedExample r : recordings) {
            out.put(r.recordingId(), r.subject());
        }
        return out;
    }

    int semanticDims();

    /** {@code numFrames * semanticDims} floats, frame-major; zeros where nobody speaks. */
    float[] semantic();

    /** {@code numFrames * 3} floats (arousal, valence, liking per frame), or {@code null} when unlabelled. */
    float[] labels();

    /** Per frame, the timing of the utterance its word belongs to (NaN where it holds none). */
    UtteranceTiming timing();

    /** Throws unless {@code timing} holds one value pair per frame of the recording. */
    static void checkTiming(String recordingId, int numFrames, UtteranceTiming timing) {
        if (timing == null || timing.numFrames() != Math.max(0, numFrames)) {
            throw new IllegalArgumentException("Recording " + recordingId + ": " + numFrames + " frames need as many "
                    + "utterance timings, got " + (timing == null ? "none" : timing.numFrames()));
        }
    }

    default boolean labelled() {
        return labels() != null;
    }

    /** Gold values of frames {@code [from, to)} as {@code [frame][dimension]}. */
    default float[][] labels(int from, int to) {
        float[] flat = labels();
        if (flat == null) {
            throw new IllegalStateException("Recording " + recordingId() + " has no labels");
        }
        float[][] out = new float[to - from][OUTPUTS];
        for (int f = from; f < to; f++) {
            System.arraycopy(flat, f * OUTPUTS, out[f - from], 0, OUTPUTS);
        }
        return out;
    }
}
