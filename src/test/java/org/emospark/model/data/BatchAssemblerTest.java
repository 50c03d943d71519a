package org.emospark.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.frames.Windows.LastWindow;
import org.emospark.frames.Windows;
import org.emospark.lake.PcmSource;
import org.emospark.model.ModelConfig;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
    /** 1 kHz, 2 ms frames: 2 samples per frame, frame input 4 (subject half 2, interlocutor half 2); T = 4, 3 dims. */
    private static final ModelConfig TINY = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4), 0.5,
            8, 4, 3, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 3, 4);
    private static final int FS = 2;
    private static final int FI = 4;
    private static final int DIMS = 3;

    /** Recording A: 6 frames; sample n is 1 + n + base, so a zero in the output is always padding or the empty half. */
    private static final boolean[] MASK_A = {true, false, true, true, false, false};
    /** Recording B: 3 frames (shorter than a window); its audio is one sample short of the third frame. */
    private static final boolean[] MASK_B = {false, true, true};

    private static float[] ramp(int n, float base) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = base + 1 + i;
        }
        return v;
    }

    /**
     * A recording whose audio runs {@code extraSamples} past its last frame (negative: ends inside it), with
     * semantic value {@code base + 500 + k} and label value {@code base + 900 + k} at flat index k.
     */
    private static RecordingExample example(String id, boolean[] subject, int extraSamples, float base, boolean labelled) {
        int n = subject.length;
        float[] pcm = ramp(n * FS + extraSamples, base);
        return new RecordingExample(id, "Train", n, PcmSource.of(pcm), subject, DIMS, ramp(n * DIMS, base + 500),
                labelled ? ramp(n * RecordingExample.OUTPUTS, base + 900) : null);
    }

    private static final RecordingExample A = example("A", MASK_A, 5, 0, true);
    private static final RecordingExample B = example("B", MASK_B, -1, 100, true);

    /** The frame input written out by hand: audio in the subject half or the interlocutor half, the other zeros. */
    private static float[] expectedAudio(RecordingExample r, float[] pcm, Window w) {
        float[] out = new float[w.frames() * FI];
        for (int k = 0; k < w.validFrames(); k++) {
            int f = w.startFrame() + k;
            int half = r.subject()[f] ? 0 : FS;
            for (int s = 0; s < FS; s++) {
                int sample = f * FS + s;
                out[k * FI + half + s] = sample < pcm.length ? pcm[sample] : 0f;
            }
        }
        return out;
    }

    private static float[] slice(float[] a, int from, int len) {
        float[] out = new float[len];
        System.arraycopy(a, from, out, 0, len);
        return out;
    }

    private static float[] pcmOf(RecordingExample r) {
        float[] pcm = new float[(int) r.pcm().length()];
        r.pcm().read(0, pcm, 0, pcm.length);
        return pcm;
    }

    @Test
    void fullAndPaddedWindowsAreLaidOutFrameByFrameWithZerosForPadding() {
        BatchAssembler assembler = new BatchAssembler(TINY, Map.of("A", A, "B", B));
        List<Window> windows = new ArrayList<>(Windows.of("A", 6, 4, LastWindow.PAD));
        windows.addAll(Windows.of("B", 3, 4, LastWindow.PAD));
        assertEquals(List.of(new Window("A", 0, 4, 4), new Window("A", 4, 4, 2), new Window("B", 0, 4, 3)), windows);

        WindowBatch batch = assembler.assemble(windows);

        assertEquals(3, batch.size());
        assertEquals(4, batch.frames());
        assertEquals(windows, batch.windows());
        assertEquals(3 * 4 * FI, batch.audio().length);
        assertEquals(3 * 4 * DIMS, batch.semantic().length);
        assertEquals(3 * 4 * 3, batch.labels().length);

        // Window 0, frames 0..3 of A: subject, interlocutor, subject, subject.
        assertArrayEquals(new float[] {1, 2, 0, 0, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8, 0, 0}, slice(batch.audio(), 0, 16));
        // Window 1, frames 4, 5 of A (both interlocutor), then two all-zero padding frames, although A's audio
        // goes on for 5 more samples: padding never reads past the recording's frames.
        assertArrayEquals(new float[] {0, 0, 9, 10, 0, 0, 11, 12, 0, 0, 0, 0, 0, 0, 0, 0}, slice(batch.audio(), 16, 16));
        // Window 2, B: interlocutor, subject, subject; B's audio ends one sample into frame 2, read as zero.
        assertArrayEquals(new float[] {0, 0, 101, 102, 103, 104, 0, 0, 105, 0, 0, 0, 0, 0, 0, 0},
                slice(batch.audio(), 32, 16));
        for (int b = 0; b < 3; b++) {
            Window w = windows.get(b);
            RecordingExample r = w.recordingId().equals("A") ? A : B;
            assertArrayEquals(expectedAudio(r, pcmOf(r), w), slice(batch.audio(), b * 4 * FI, 4 * FI), "audio of " + w);
        }

        // Semantic vectors and labels: the window's frames copied, zeros for the padding frames.
        for (int b = 0; b < 3; b++) {
            Window w = windows.get(b);
            RecordingExample r = w.recordingId().equals("A") ? A : B;
            for (int k = 0; k < 4; k++) {
                for (int d = 0; d < DIMS; d++) {
                    float want = k < w.validFrames() ? r.semantic()[(w.startFrame() + k) * DIMS + d] : 0f;
                    assertEquals(want, batch.semantic()[(b * 4 + k) * DIMS + d], "semantic of " + w + " frame " + k);
                }
                for (int d = 0; d < 3; d++) {
                    float want = k < w.validFrames() ? r.labels()[(w.startFrame() + k) * 3 + d] : 0f;
                    assertEquals(want, batch.labels()[(b * 4 + k) * 3 + d], "label of " + w + " frame " + k);
                }
            }
        }
        // Spot checks by value: frame 4 of A's semantic and label rows, and the padding after B's last frame.
        assertArrayEquals(new float[] {513, 514, 515}, slice(batch.semantic(), 4 * DIMS, 3));
        assertArrayEquals(new float[] {913, 914, 915}, slice(batch.labels(), 4 * 3, 3));
        assertArrayEquals(new float[] {0, 0, 0}, slice(batch.semantic(), 11 * DIMS, 3));
        assertArrayEquals(new float[] {0, 0, 0}, slice(batch.labels(), 11 * 3, 3));
    }

    @Test
    void aWindowFromTheMiddleOfARecordingStartsAtItsFrame() {
        WindowBatch batch = new BatchAssembler(TINY, Map.of("A", A)).assemble(List.of(new Window("A", 2, 4, 4)));
        assertArrayEquals(new float[] {5, 6, 0, 0, 7, 8, 0, 0, 0, 0, 9, 10, 0, 0, 11, 12}, batch.audio());
        assertArrayEquals(slice(A.semantic(), 2 * DIMS, 4 * DIMS), batch.semantic());
        assertArrayEquals(slice(A.labels(), 2 * 3, 4 * 3), batch.labels());
    }

    @Test
    void windowsOfDifferentLengthsInOneBatchAreRejected() {
        BatchAssembler assembler = new BatchAssembler(TINY, Map.of("A", A));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(List.of(new Window("A", 0, 4, 4), new Window("A", 4, 2, 2))));
        assertTrue(e.getMessage().contains("must have 4 frames"), e.getMessage());
    }

    @Test
    void aWindowOfAnUnknownRecordingIsRejectedByName() {
        BatchAssembler assembler = new BatchAssembler(TINY, Map.of("A", A));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(List.of(new Window("A", 0, 4, 4), new Window("Nobody", 0, 4, 4))));
        assertTrue(e.getMessage().contains("No recording Nobody"), e.getMessage());
    }

    @Test
    void aWindowPastTheRecordingEndIsRejected() {
        BatchAssembler assembler = new BatchAssembler(TINY, Map.of("A", A));
        // A has 6 frames: a full window from frame 4 would need frames 6 and 7.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(List.of(new Window("A", 4, 4, 4))));
        assertTrue(e.getMessage().contains("runs past the 6 frames"), e.getMessage());
        // The same start as a padded window of 2 valid frames is fine.
        assertNotNull(assembler.assemble(List.of(new Window("A", 4, 4, 2))));
    }

    @Test
    void anEmptyBatchIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BatchAssembler(TINY, Map.of("A", A)).assemble(List.of()));
    }

    @Test
    void aSemanticOnlyModelGetsNoAudioAndAParalinguisticOnlyModelNoVectors() {
        List<Window> windows = List.of(new Window("A", 0, 4, 4));
        WindowBatch semantic = new BatchAssembler(TINY.withStreams(ModelConfig.Streams.SEMANTIC), Map.of("A", A))
                .assemble(windows);
        assertNull(semantic.audio());
        assertArrayEquals(slice(A.semantic(), 0, 4 * DIMS), semantic.semantic());
        assertArrayEquals(slice(A.labels(), 0, 4 * 3), semantic.labels());

        WindowBatch paralinguistic = new BatchAssembler(TINY.withStreams(ModelConfig.Streams.PARALINGUISTIC),
                Map.of("A", A)).assemble(windows);
        assertNull(paralinguistic.semantic());
        assertEquals(4 * FI, paralinguistic.audio().length);
    }

    @Test
    void unlabelledRecordingsGiveNoLabelsEvenNextToLabelledOnes() {
        RecordingExample unlabelled = example("U", MASK_B, 0, 200, false);
        BatchAssembler assembler = new BatchAssembler(TINY, Map.of("A", A, "U", unlabelled));
        WindowBatch alone = assembler.assemble(List.of(new Window("U", 0, 4, 3)));
        assertNull(alone.labels());
        assertArrayEquals(new float[] {0, 0, 201, 202, 203, 204, 0, 0, 205, 206, 0, 0, 0, 0, 0, 0}, alone.audio());
        // One unlabelled window makes the whole batch unlabelled: there is no gold to train on for it.
        assertNull(assembler.assemble(List.of(new Window("A", 0, 4, 4), new Window("U", 0, 4, 3))).labels());
    }
}
