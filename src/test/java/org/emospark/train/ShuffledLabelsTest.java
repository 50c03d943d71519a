package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmSource;
import org.junit.jupiter.api.Test;

class ShuffledLabelsTest {
    /** Frame counts that force both repeating a shorter donor track and cutting a longer one. */
    private static final int[] LENGTHS = {5, 2, 7, 3, 9, 4};

    /** Label value {@code 1000 * (i + 1) + k} at flat index k: the value tells whose track it is and where in it. */
    private static List<RecordingExample> recordings(int n) {
        List<RecordingExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int frames = LENGTHS[i];
            float[] labels = new float[frames * 3];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = 1000 * (i + 1) + k;
            }
            out.add(new RecordingExample("Train_0" + i, "Train", frames, PcmSource.of(new float[frames * 2]),
                    new boolean[frames], 2, new float[frames * 2], labels));
        }
        return out;
    }

    private static int owner(float labelValue) {
        return (int) (labelValue / 1000) - 1;
    }

    @Test
    void noRecordingKeepsItsLabelsAndEachGetsAnothersTrackFittedToItsLength() {
        for (int n = 2; n <= 6; n++) {
            List<RecordingExample> in = recordings(n);
            List<float[]> before = in.stream().map(r -> r.labels().clone()).toList();
            List<RecordingExample> out = ShuffledLabels.apply(in, 42);
            assertEquals(n, out.size());
            Set<Integer> donors = new HashSet<>();
            for (int i = 0; i < n; i++) {
                RecordingExample own = in.get(i);
                RecordingExample shuffled = out.get(i);
                int donor = owner(shuffled.labels()[0]);
                assertNotEquals(i, donor, "n = " + n + ": " + own.recordingId() + " kept its own labels");
                donors.add(donor);
                float[] track = in.get(donor).labels();
                assertEquals(own.numFrames() * 3, shuffled.labels().length, "labels fitted to the recording's own length");
                for (int k = 0; k < shuffled.labels().length; k++) {
                    assertEquals(track[k % track.length], shuffled.labels()[k],
                            "n = " + n + ", " + own.recordingId() + " label " + k + " from " + in.get(donor).recordingId());
                }
                // Only the labels change: the very same audio, turns and word vectors.
                assertEquals(own.recordingId(), shuffled.recordingId());
                assertEquals(own.split(), shuffled.split());
                assertEquals(own.numFrames(), shuffled.numFrames());
                assertSame(own.pcm(), shuffled.pcm());
                assertSame(own.subject(), shuffled.subject());
                assertSame(own.semantic(), shuffled.semantic());
                assertEquals(own.semanticDims(), shuffled.semanticDims());
                // The input is left as it was.
                assertArrayEquals(before.get(i), own.labels());
            }
            // Every label track is handed on exactly once, so the label distribution is the corpus's own.
            assertEquals(n, donors.size(), "n = " + n + ": donors " + donors);
        }
    }

    @Test
    void aShorterDonorIsRepeatedAndALongerOneCut() {
        List<RecordingExample> two = recordings(2);   // 5 and 2 frames: they can only swap
        List<RecordingExample> out = ShuffledLabels.apply(two, 7);
        float[] repeated = out.get(0).labels();      // 15 values from the 6 of recording 1
        for (int k = 0; k < repeated.length; k++) {
            assertEquals(2000 + k % 6, repeated[k], "value " + k);
        }
        assertArrayEquals(new float[] {1000, 1001, 1002, 1003, 1004, 1005}, out.get(1).labels());
    }

    @Test
    void theSameSeedGivesTheSameAssignmentAndSeedsDiffer() {
        List<RecordingExample> in = recordings(6);
        Set<List<Integer>> assignments = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<Integer> first = donors(ShuffledLabels.apply(in, seed));
            assertEquals(first, donors(ShuffledLabels.apply(in, seed)), "seed " + seed);
            assignments.add(first);
        }
        assertTrue(assignments.size() > 1, "the seed chooses the shuffle: " + assignments);
    }

    private static List<Integer> donors(List<RecordingExample> out) {
        return out.stream().map(r -> owner(r.labels()[0])).toList();
    }

    @Test
    void fewerThanTwoRecordingsCannotBeShuffled() {
        assertThrows(IllegalArgumentException.class, () -> ShuffledLabels.apply(List.of(), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShuffledLabels.apply(recordings(1), 1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }
}
