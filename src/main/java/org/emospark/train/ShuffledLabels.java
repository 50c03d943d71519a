package org.emospark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emospark.frames.RecordingExample;

/**
 * The control experiment: labels shuffled across recordings. Every recording gets the label track of
 * another recording (a seeded rotation of the list, so none keeps its own), repeated or cut to its own
 * length. Audio, turns and words stay; only the link between what is heard and the labels is broken, so a
 * model that still scores well on real labels would be learning something other than the signal.
 */
public final class ShuffledLabels {
    private ShuffledLabels() {
    }

    public static List<RecordingExample> apply(List<RecordingExample> recordings, long seed) {
        int n = recordings.size();
        if (n < 2) {
            throw new IllegalArgumentException("Shuffling labels across recordings needs at least 2 labelled recordings, got "
                    + n);
        }
        int shift = 1 + new Random(seed).nextInt(n - 1);
        List<RecordingExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordingExample own = recordings.get(i);
            RecordingExample donor = recordings.get((i + shift) % n);
            float[] source = donor.labels();
            float[] labels = new float[own.numFrames() * RecordingExample.OUTPUTS];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = source[k % source.length];
            }
            out.add(new RecordingExample(own.recordingId(), own.split(), own.numFrames(), own.pcm(), own.subject(),
                    own.semanticDims(), own.semantic(), labels, own.timing()));
        }
        return List.copyOf(out);
    }
}
