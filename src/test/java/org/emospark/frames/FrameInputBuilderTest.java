package org.emospark.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emospark.lake.PcmSource;
import org.junit.jupiter.api.Test;

class FrameInputBuilderTest {

    /** Sample n has value n + 1, so a zero always means padding or the empty half. */
    private static float[] ramp(int n) {
        float[] pcm = new float[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = i + 1;
        }
        return pcm;
    }

    @Test
    void frameStartsAtExactSamplePositionsAt22050And16000Hz() {
        FrameInputBuilder b22 = FrameInputBuilder.faithful();
        assertEquals(2205, b22.frameSamples());
        assertEquals(4410, b22.frameInput());
        assertEquals(3 * 2205L, b22.frameStartSample(3));
        float[] in = b22.build(ramp(10 * 2205), 10, null);
        for (int f = 0; f < 10; f++) {
            assertEquals(f * 2205 + 1, in[f * 4410], "first sample of frame " + f);
            assertEquals(f * 2205 + 2205, in[f * 4410 + 2204], "last sample of frame " + f);
        }

        FrameInputBuilder b16 = new FrameInputBuilder(16000, 0.1, TimePrecision.FLOAT32);
        assertEquals(1600, b16.frameSamples());
        float[] in16 = b16.build(ramp(5 * 1600), 5, List.of());
        for (int f = 0; f < 5; f++) {
            assertEquals(f * 1600 + 1, in16[f * 3200]);
            assertEquals(f * 1600 + 1600, in16[f * 3200 + 1599]);
        }
    }

    @Test
    void signalIsZeroPaddedAtTheEndToWholeFrames() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        int n = 2 * 2205 + 100;
        assertEquals(3, b.framesFor(n));
        float[] in = b.build(ramp(n), 3, null);
        assertEquals(3 * 4410, in.length);
        // frame 2 holds samples 4410 .. 4509, then zeros
        assertEquals(4411, in[2 * 4410]);
        assertEquals(4510, in[2 * 4410 + 99]);
        for (int k = 100; k < 4410; k++) {
            assertEquals(0f, in[2 * 4410 + k], "padding at " + k);
        }
        // more frames than audio: all zeros
        float[] longer = b.build(ramp(n), 4, null);
        for (int k = 3 * 4410; k < 4 * 4410; k++) {
            assertEquals(0f, longer[k]);
        }
        // fewer frames than audio: the tail is not used
        assertEquals(2 * 4410, b.build(ramp(n), 2, null).length);
    }

    @Test
    void subjectFramesFillTheFirstHalfAndOthersTheSecond() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        // [0.25, 0.35]: 0.25 rounds half-to-even to 0.2 (frame 2, not 3); 0.35 is 0.3499999... as a double
        // and 0.34999999403953552 as float32, so 0.3 (frame 3, not 4)
        List<TurnSpan> turns = List.of(new TurnSpan(0.25, 0.35));
        boolean[] subject = b.subjectFrames(turns, 6);
        assertArrayEquals(new boolean[] {false, false, true, true, false, false}, subject);
        assertArrayEquals(subject, new FrameInputBuilder(22050, 0.1, TimePrecision.DOUBLE)
                .subjectFrames(turns, 6));

        float[] pcm = ramp(6 * 2205);
        float[] in = b.build(pcm, 6, turns);
        for (int f = 0; f < 6; f++) {
            int base = f * 4410;
            float[] first = java.util.Arrays.copyOfRange(in, base, base + 2205);
            float[] second = java.util.Arrays.copyOfRange(in, base + 2205, base + 4410);
            float[] audio = java.util.Arrays.copyOfRange(pcm, f * 2205, (f + 1) * 2205);
            float[] zeros = new float[2205];
            if (f == 2 || f == 3) {
                assertArrayEquals(audio, first, "subject frame " + f);
                assertArrayEquals(zeros, second, "subject frame " + f);
            } else {
                assertArrayEquals(zeros, first, "interlocutor frame " + f);
                assertArrayEquals(audio, second, "interlocutor frame " + f);
            }
        }
    }

    @Test
    void turnTimesFollowTheChosenPrecision() {
        // 0.45 s: frame 5 as a double, frame 4 as float32 (0.4499999881); 0.15 s: 1 versus 2
        List<TurnSpan> turns = List.of(new TurnSpan(0.45, 0.45), new TurnSpan(0.15, 0.15));
        boolean[] dbl = new FrameInputBuilder(22050, 0.1, TimePrecision.DOUBLE).subjectFrames(turns, 7);
        boolean[] f32 = FrameInputBuilder.faithful().subjectFrames(turns, 7);
        assertArrayEquals(new boolean[] {false, true, false, false, false, true, false}, dbl);
        assertArrayEquals(new boolean[] {false, false, true, false, true, false, false}, f32);
    }

    @Test
    void turnsAreCappedAtTheLastFrameAndTurnsAfterItMarkNothing() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        boolean[] subject = b.subjectFrames(List.of(new TurnSpan(0.3, 99.0), new TurnSpan(7.0, 8.0)), 5);
        assertArrayEquals(new boolean[] {false, false, false, true, true}, subject);
        boolean[] none = b.subjectFrames(List.of(new TurnSpan(7.0, 8.0)), 5);
        assertArrayEquals(new boolean[5], none);
        assertArrayEquals(new boolean[] {true, true, false, true}, b.subjectFrames(
                List.of(new TurnSpan(0.0, 0.1), new TurnSpan(0.3, 1e12)), 4));
    }

    @Test
    void noTurnsFileMeansEverythingIsTheSubjects() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        float[] pcm = ramp(3 * 2205);
        float[] withNull = b.build(pcm, 3, null);
        float[] withEmpty = b.build(pcm, 3, List.of());
        assertArrayEquals(withNull, withEmpty);
        for (int f = 0; f < 3; f++) {
            assertEquals(f * 2205 + 1, withNull[f * 4410]);
            assertEquals(0f, withNull[f * 4410 + 2205]);
        }
        assertArrayEquals(new boolean[] {true, true, true}, b.subjectFrames(null, 3));
    }

    @Test
    void fillingAFrameRangeEqualsTheSameSliceOfTheWholeBuild() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        int frames = 12;
        float[] pcm = ramp(frames * 2205 - 700);
        List<TurnSpan> turns = List.of(new TurnSpan(0.2, 0.44), new TurnSpan(0.9, 5.0));
        float[] whole = b.build(pcm, frames, turns);
        boolean[] subject = b.subjectFrames(turns, frames);
        float[] dst = new float[10 + 5 * 4410];
        java.util.Arrays.fill(dst, -7f);
        b.fill(PcmSource.of(pcm), subject, 7, 12, dst, 10);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 7 * 4410, 12 * 4410),
                java.util.Arrays.copyOfRange(dst, 10, dst.length));
        assertEquals(-7f, dst[9]);
    }

    @Test
    void aPaddedWindowEndsWithAllZeroFrames() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        float[] pcm = ramp(7 * 2205);
        boolean[] subject = b.subjectFrames(null, 7);
        Window last = Windows.of("Devel_01", 7, 5, Windows.LastWindow.PAD).get(1);
        float[] w = b.window(PcmSource.of(pcm), subject, last);
        assertEquals(5 * 4410, w.length);
        assertEquals(5 * 2205 + 1, w[0]);
        assertEquals(6 * 2205 + 1, w[4410]);
        for (int k = 2 * 4410; k < w.length; k++) {
            assertEquals(0f, w[k]);
        }
    }

    @Test
    void rejectsFrameRangesOutsideTheRecording() {
        FrameInputBuilder b = FrameInputBuilder.faithful();
        boolean[] subject = new boolean[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.fill(PcmSource.of(new float[10]), subject, 2, 4, new float[2 * 4410], 0));
        assertEquals("Frame range [2, 4) must lie within the recording's 3 frames", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TurnSpan(0.5, 0.4));
        assertThrows(IllegalArgumentException.class, () -> new TurnSpan(-0.1, 0.4));
    }
}
