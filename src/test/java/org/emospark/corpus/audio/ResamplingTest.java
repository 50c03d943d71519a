package org.emospark.corpus.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emospark.corpus.audio.TestAudio.ArrayAudio;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplingTest {

    static float[] resample(float[] in, int from, int to) throws Exception {
        try (MonoAudioStream r = Resampling.to(new ArrayAudio(in, from), to)) {
            assertEquals(to, r.sampleRate());
            return AudioReading.readAll(r);
        }
    }

    /** Output level relative to input level, over the steady middle half, in dB. */
    static double gainDb(float[] in, float[] out) {
        return TestAudio.db(TestAudio.rms(out, out.length / 4, out.length * 3 / 4)
                / TestAudio.rms(in, in.length / 4, in.length * 3 / 4));
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "16000, 22050", "8000, 22050", "22050, 16000", "22050, 8000",
            "44100, 22051"})
    void oneKilohertzToneKeepsFrequencyAndLevel(int from, int to) throws Exception {
        float[] in = TestAudio.sine(from, 1000, 0.5, from);
        float[] out = resample(in, from, to);
        double hz = TestAudio.zeroCrossingFrequency(out, out.length / 4, out.length * 3 / 4, to);
        assertEquals(1000, hz, 0.05, "frequency");
        double gain = gainDb(in, out);
        assertTrue(Math.abs(gain) < 0.1, "level changed by " + gain + " dB");
    }

    @Test
    void oneKilohertzToneKeepsFrequencyAndLevelWhenDownsampling() throws Exception {
        float[] in = TestAudio.sine(44100, 1000, 0.5, 44100);
        float[] out = resample(in, 44100, 22050);
        assertEquals(1000, TestAudio.zeroCrossingFrequency(out, 5000, 17000, 22050), 0.05);
        assertEquals(0.5, TestAudio.amplitudeAt(out, 5000, 17000, 22050, 1000), 0.5 * 0.0116); // 0.1 dB
    }

    @ParameterizedTest(name = "{2} Hz tone at {0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050, 15000", "44100, 22050, 11025", "44100, 22050, 20000", "48000, 22050, 11500",
            "48000, 22050, 20000", "48000, 22050, 11025", "22050, 16000, 8000", "22050, 16000, 10000",
            "22050, 8000, 4100", "44100, 22051, 12000"})
    void toneAtOrAboveTheOutputNyquistIsAttenuatedBySixtyDecibels(int from, int to, double hz) throws Exception {
        float[] in = TestAudio.sine(from, hz, 0.5, from);
        float[] out = resample(in, from, to);
        double gain = gainDb(in, out);
        assertTrue(gain < -60, hz + " Hz only attenuated by " + -gain + " dB");
    }

    @ParameterizedTest(name = "{2} Hz at {0} Hz -> {1} Hz leaves no image")
    @CsvSource({"16000, 22050, 6000", "16000, 22050, 3000", "8000, 22050, 3000"})
    void upsamplingLeavesNoImageAboveTheInputNyquist(int from, int to, double hz) throws Exception {
        float[] in = TestAudio.sine(from, hz, 0.5, from);
        float[] out = resample(in, from, to);
        int a = out.length / 4;
        int b = out.length * 3 / 4;
        double tone = TestAudio.amplitudeAt(out, a, b, to, hz);
        double image = TestAudio.amplitudeAt(out, a, b, to, from - hz);
        assertEquals(0.5, tone, 0.5 * 0.0116);
        assertTrue(TestAudio.db(image / tone) < -60, "image at " + (from - hz) + " Hz: " + TestAudio.db(image / tone) + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "16000, 22050", "8000, 22050", "22050, 16000", "44100, 22051"})
    void passbandIsFlatToATenthOfADecibelUpToEightyPercentOfTheLowerNyquist(int from, int to) throws Exception {
        double nyquist = Math.min(from, to) / 2.0;
        for (double f = 50; f <= 0.8 * nyquist; f += 0.8 * nyquist / 13) {
            float[] in = TestAudio.sine(from, f, 0.5, from / 2);
            float[] out = resample(in, from, to);
            double gain = gainDb(in, out);
            assertTrue(Math.abs(gain) < 0.1, f + " Hz: " + gain + " dB");
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "16000, 22050", "8000, 22050", "22050, 16000", "44100, 22051"})
    void clickAtInputSampleKLandsAtRoundedOutputPosition(int from, int to) throws Exception {
        for (int k : new int[] {0, 1, 1001, 1234, 4321}) {
            float[] in = new float[6000];
            in[k] = 1f;
            float[] out = resample(in, from, to);
            long expected = Math.round(k * (double) to / from);
            int peak = TestAudio.argMaxAbs(out);
            assertTrue(Math.abs(peak - expected) <= 1, "click at " + k + " peaked at " + peak + ", expected " + expected);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "16000, 22050", "8000, 22050"})
    void stepCrossesHalfwayAtTheStepTime(int from, int to) throws Exception {
        int k = 3001;
        float[] in = new float[8000];
        for (int i = k; i < in.length; i++) {
            in[i] = 0.5f;
        }
        float[] out = resample(in, from, to);
        double stepAt = k * (double) to / from - 0.5 * to / from; // the edge lies between samples k-1 and k
        int m = 0;
        while (out[m + 1] < 0.25f) {
            m++;
        }
        double crossing = m + (0.25 - out[m]) / (out[m + 1] - out[m]);
        assertEquals(stepAt, crossing, 0.05, "the step's half-way point moved");
        assertEquals(0.5, out[out.length / 2 + out.length / 4], 1e-4, "DC gain");
    }

    @Test
    void outputLengthIsTheRoundedRatioOfTheInputLength() throws Exception {
        int[][] pairs = {{44100, 22050}, {48000, 22050}, {16000, 22050}, {8000, 22050}, {22050, 16000}, {44100, 22051}};
        for (int[] p : pairs) {
            for (int n : new int[] {0, 1, 2, 3, 7, 100, 999, 44100, 44101, 100003}) {
                float[] out = resample(new float[n], p[0], p[1]);
                long expected = Math.round(n * (double) p[1] / p[0]);
                assertEquals(expected, out.length, n + " samples at " + p[0] + " -> " + p[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "16000, 22050", "22050, 8000", "44100, 22051"})
    void oddBlockSizesGiveBitIdenticalOutput(int from, int to) throws Exception {
        Random rnd = new Random(42);
        float[] in = new float[50_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (rnd.nextGaussian() * 0.2);
        }
        float[] whole = resample(in, from, to);
        try (MonoAudioStream r = Resampling.to(new ArrayAudio(in, from, 777), to)) {
            assertArrayEquals(whole, TestAudio.readInBlocks(r, 1, 3, 1000, 17, 65536));
        }
        try (MonoAudioStream r = Resampling.to(new ArrayAudio(in, from, 1), to)) {
            assertArrayEquals(whole, TestAudio.readInBlocks(r, 4099));
        }
    }

    @Test
    void sameRateReturnsTheSourceItself() throws Exception {
        ArrayAudio src = new ArrayAudio(new float[10], 22050);
        assertSame(src, Resampling.to(src, 22050));
    }

    @Test
    void resampledStreamKeepsTheSourceDescriptionAndClosesTheSource() throws Exception {
        ArrayAudio src = new ArrayAudio(new float[10], 44100);
        MonoAudioStream r = Resampling.to(src, 22050);
        assertEquals(src.description(), r.description());
        assertEquals(44100, ((Resampler) r).inputRate());
        r.close();
        assertTrue(src.closed);
    }

    @Test
    void fullScaleSquareWaveIsClippedToUnitRange() throws Exception {
        float[] in = new float[20000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i / 50) % 2 == 0 ? 1f : -1f;
        }
        for (float v : resample(in, 44100, 22050)) {
            assertTrue(v >= -1f && v <= 1f, "sample " + v);
        }
    }

    @Test
    void absurdDownsamplingRatioIsUnsupported() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> Resampling.to(new ArrayAudio(new float[10], 10_000_000), 22050));
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, e.reason());
        assertThrows(IllegalArgumentException.class, () -> Resampling.to(new ArrayAudio(new float[1], 8000), 0));
    }

    @Test
    void decodedFlacResamplesLikeDecodedWav() throws Exception {
        try (MonoAudioStream a = Resampling.to(TestAudio.open(TestAudio.resource("stereo16_l8.flac"), "f"), 22050);
             MonoAudioStream b = Resampling.to(TestAudio.open(TestAudio.resource("stereo16.wav"), "w"), 22050)) {
            float[] fa = AudioReading.readAll(a);
            assertEquals(Math.round(8000 * 22050 / 16000.0), fa.length);
            assertArrayEquals(AudioReading.readAll(b), fa);
        }
    }
}
