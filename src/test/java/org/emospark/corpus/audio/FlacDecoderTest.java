package org.emospark.corpus.audio;

import static org.emospark.corpus.audio.FlacTestEncoder.Sub;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlacDecoderTest {

    private static InputRejectedException rejected(byte[] flac) {
        return assertThrows(InputRejectedException.class, () -> TestAudio.decode(flac, "test.flac"));
    }

    @ParameterizedTest(name = "{0} decodes to the samples of {1}")
    @CsvSource({
            "stereo16_l0.flac, stereo16.wav",     // FIXED order 3, CONSTANT, independent channels
            "stereo16_l2.flac, stereo16.wav",     // FIXED order 4, mid-side
            "stereo16_l8.flac, stereo16.wav",     // LPC, left-side; SEEKTABLE, VORBIS_COMMENT and PADDING skipped
            "stereo16_lpc32.flac, stereo16.wav",  // LPC order 29, right-side
            "mono24.flac, mono24.wav",            // 24-bit LPC order 11
            "noise24.flac, noise24.wav",          // 24-bit noise: Rice2 residuals
            "wasted24.flac, wasted24.wav",        // 8 wasted bits per sample
            "mono8.flac, mono8.wav"})
    void flacFixtureMatchesTheWavItWasEncodedFromSampleForSample(String flac, String wav) throws Exception {
        float[] fromWav = TestAudio.decode(TestAudio.resource(wav), wav);
        float[] fromFlac = TestAudio.decode(TestAudio.resource(flac), flac);
        assertArrayEquals(fromWav, fromFlac);
    }

    @Test
    void descriptionComesFromStreamInfo() throws Exception {
        try (MonoAudioStream a = TestAudio.open(TestAudio.resource("mono24.flac"), "m")) {
            assertEquals(new AudioDescription("flac", "flac", 16000, 1, 24, 4000), a.description());
            assertEquals(16000, a.sampleRate());
        }
    }

    @Test
    void oddReadSizesAcrossFrameBoundariesGiveTheSameSamples() throws Exception {
        byte[] flac = TestAudio.resource("stereo16_l0.flac");
        float[] whole = TestAudio.decode(flac, "f");
        try (MonoAudioStream a = TestAudio.open(flac, "f")) {
            assertArrayEquals(whole, TestAudio.readInBlocks(a, 1, 1151, 5, 3000));
        }
    }

    @Test
    void flippedByteInsideAFrameIsCorruptNamingTheFrame() {
        byte[] good = TestAudio.resource("stereo16_l0.flac");
        for (int pos = good.length / 5; pos < good.length * 4 / 5; pos += good.length / 9) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x10;
            InputRejectedException e = rejected(bad);
            assertEquals(RejectReason.CORRUPT_AUDIO, e.reason(), "byte " + pos + ": " + e.detail());
            assertTrue(e.detail().matches("test\\.flac: frame \\d+ \\(byte offset \\d+, sample \\d+\\): .*"), e.detail());
        }
    }

    @Test
    void wrongMd5IsCorruptOnceTheLastFrameIsRead() throws Exception {
        byte[] flac = TestAudio.resource("mono24.flac");
        flac[4 + 4 + 18 + 3] ^= 1; // a byte of STREAMINFO's MD5
        try (MonoAudioStream a = TestAudio.open(flac, "test.flac")) {
            InputRejectedException e = assertThrows(InputRejectedException.class, () -> AudioReading.readAll(a));
            assertEquals(RejectReason.CORRUPT_AUDIO, e.reason());
            assertTrue(e.detail().startsWith("test.flac: MD5 of the decoded audio is "), e.detail());
        }
    }

    @Test
    void fixtureCutInsideAFrameIsTruncated() {
        byte[] good = TestAudio.resource("stereo16_l0.flac");
        InputRejectedException e = rejected(Arrays.copyOf(good, good.length * 2 / 3));
        assertEquals(RejectReason.TRUNCATED_AUDIO, e.reason());
        assertTrue(e.detail().startsWith("test.flac: truncated: stream ends inside frame "), e.detail());
    }

    @Test
    void streamCutAtAFrameBoundaryIsTruncatedAgainstStreamInfoTotal() throws Exception {
        FlacTestEncoder enc = new FlacTestEncoder(16000, 1, 16, false);
        Random rnd = new Random(1);
        for (int f = 0; f < 3; f++) {
            enc.frame(new int[][] {randomSamples(rnd, 1024, 16)}, FlacTestEncoder.INDEPENDENT, Sub.verbatim());
        }
        byte[] whole = enc.build(true, true);
        byte[] cut = Arrays.copyOf(whole, FlacTestEncoder.headerLength() + enc.frameEnds().get(1));
        InputRejectedException e = rejected(cut);
        assertEquals(RejectReason.TRUNCATED_AUDIO, e.reason());
        assertEquals("test.flac: truncated: header declares 3072 sample frames, stream ends after 2048", e.detail());
    }

    @Test
    void streamInfoWithoutFramesIsEmptyAndCutMetadataIsTruncated() {
        byte[] good = TestAudio.resource("mono8.flac");
        byte[] headerOnly = Arrays.copyOf(good, FlacTestEncoder.headerLength());
        headerOnly[4] = (byte) 0x80; // STREAMINFO is the last metadata block
        headerOnly[4 + 4 + 13] &= (byte) 0xF0; // total samples 0: unknown
        Arrays.fill(headerOnly, 4 + 4 + 14, 4 + 4 + 18, (byte) 0);
        assertEquals(RejectReason.EMPTY_AUDIO, rejected(headerOnly).reason());
        assertEquals(RejectReason.TRUNCATED_AUDIO, rejected(Arrays.copyOf(good, 20)).reason());
    }

    @Test
    void everySubframeTypeAndPredictorOrderDecodesExactly() throws Exception {
        Random rnd = new Random(7);
        int[] smooth = smoothSamples(rnd, 512, 16);
        FlacTestEncoder enc = new FlacTestEncoder(44100, 1, 16, false);
        int[][] expected = new int[1][0];
        enc.frame(new int[][] {constant(512, -1234)}, 0, Sub.constant());
        expected[0] = concat(expected[0], constant(512, -1234));
        enc.frame(new int[][] {smooth}, 0, Sub.verbatim());
        expected[0] = concat(expected[0], smooth);
        for (int order = 0; order <= 4; order++) {
            enc.frame(new int[][] {smooth}, 0, Sub.fixed(order, 2, 0, 9, 10, 11, 12));
            expected[0] = concat(expected[0], smooth);
        }
        int[] coefs32 = new int[32];
        for (int j = 0; j < 32; j++) {
            coefs32[j] = rnd.nextInt(200) - 100;
        }
        coefs32[0] = 1800;
        enc.frame(new int[][] {smooth}, 0, Sub.lpc(coefs32, 12, 11, 0, 1, 16));
        enc.frame(new int[][] {smooth}, 0, Sub.lpc(new int[] {1024}, 12, 10, 3, 0, 7));
        expected[0] = concat(concat(expected[0], smooth), smooth);
        assertDecodesTo(enc.build(true, true), expected);
    }

    @Test
    void escapedPartitionsAndRice2ParametersDecode() throws Exception {
        Random rnd = new Random(11);
        int[] s = randomSamples(rnd, 1024, 20);
        int[] quiet = new int[1024];
        FlacTestEncoder enc = new FlacTestEncoder(48000, 1, 20, false);
        // Escapes: raw 20-bit residuals, and zero-bit ones for silent partitions; Rice codes with long unary parts.
        enc.frame(new int[][] {s}, 0, Sub.fixed(0, 2, 0, Sub.escape(20), 14, Sub.escape(21), 13));
        enc.frame(new int[][] {quiet}, 0, Sub.fixed(2, 4, 0, Sub.escape(0)));
        // Rice2 with parameters above Rice's 4-bit range.
        enc.frame(new int[][] {s}, 0, Sub.fixed(1, 1, 1, 20, Sub.escape(22)));
        int[][] expected = {concat(concat(s, quiet), s)};
        assertDecodesTo(enc.build(true, true), expected);
    }

    @Test
    void variableBlockSizesWithEveryStereoModeAndWastedBitsDecode() throws Exception {
        Random rnd = new Random(5);
        FlacTestEncoder enc = new FlacTestEncoder(22050, 2, 24, true);
        int[][] expected = {new int[0], new int[0]};
        int[] sizes = {17, 4096, 333, 192, 1, 2000, 65535};
        int[] modes = {FlacTestEncoder.INDEPENDENT, FlacTestEncoder.LEFT_SIDE, FlacTestEncoder.SIDE_RIGHT,
                FlacTestEncoder.MID_SIDE, FlacTestEncoder.INDEPENDENT, FlacTestEncoder.MID_SIDE, FlacTestEncoder.LEFT_SIDE};
        for (int f = 0; f < sizes.length; f++) {
            int n = sizes[f];
            int[] l = smoothSamples(rnd, n, 24);
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = Math.max(-(1 << 23), Math.min((1 << 23) - 1, l[i] / 2 + rnd.nextInt(2001) - 1000));
            }
            Sub sub = Sub.fixed(Math.min(2, n), 0, 1, 18);
            if (f == 4) {
                for (int i = 0; i < n; i++) {
                    l[i] &= ~0xFF;
                }
                enc.frame(new int[][] {l, r}, modes[f], Sub.verbatim().wasted(8), Sub.verbatim());
            } else {
                enc.frame(new int[][] {l, r}, modes[f], sub, sub);
            }
            expected[0] = concat(expected[0], l);
            expected[1] = concat(expected[1], r);
        }
        assertDecodesTo(enc.build(true, true), expected);
    }

    @Test
    void unknownTotalAndZeroMd5DecodeToTheEndOfTheStream() throws Exception {
        Random rnd = new Random(3);
        int[] a = randomSamples(rnd, 700, 12);
        int[] b = randomSamples(rnd, 300, 12);
        FlacTestEncoder enc = new FlacTestEncoder(11025, 1, 12, false);
        enc.frame(new int[][] {a}, 0, Sub.verbatim()).frame(new int[][] {b}, 0, Sub.fixed(1, 0, 0, 11));
        byte[] flac = enc.build(false, false);
        try (MonoAudioStream s = TestAudio.open(flac, "t")) {
            assertEquals(-1, s.description().declaredFrames());
            assertEquals(12, s.description().bitsPerSample());
        }
        assertDecodesTo(flac, new int[][] {concat(a, b)});
    }

    @Test
    void missingFrameIsCorruptBecauseFrameNumbersSkip() throws Exception {
        FlacTestEncoder enc = new FlacTestEncoder(16000, 1, 16, false);
        Random rnd = new Random(2);
        for (int f = 0; f < 3; f++) {
            enc.frame(new int[][] {randomSamples(rnd, 256, 16)}, 0, Sub.verbatim());
        }
        byte[] whole = enc.build(false, false);
        int h = FlacTestEncoder.headerLength();
        int f1 = enc.frameEnds().get(0);
        int f2 = enc.frameEnds().get(1);
        byte[] gap = new byte[whole.length - (f2 - f1)];
        System.arraycopy(whole, 0, gap, 0, h + f1);
        System.arraycopy(whole, h + f2, gap, h + f1, whole.length - h - f2);
        InputRejectedException e = rejected(gap);
        assertEquals(RejectReason.CORRUPT_AUDIO, e.reason());
        assertTrue(e.detail().contains("frame 1 ") && e.detail().contains("says frame 2, expected 1"), e.detail());
    }

    @Test
    void damagedFrameHeaderFailsItsCrc8() throws Exception {
        FlacTestEncoder enc = new FlacTestEncoder(16000, 1, 16, false);
        enc.frame(new int[][] {randomSamples(new Random(4), 256, 16)}, 0, Sub.verbatim());
        byte[] flac = enc.build(true, false);
        flac[FlacTestEncoder.headerLength() + 2] ^= 0x01; // sample rate code 5 -> 4, still valid
        InputRejectedException e = rejected(flac);
        assertEquals(RejectReason.CORRUPT_AUDIO, e.reason());
        assertTrue(e.detail().contains("frame 0 ") && e.detail().contains("CRC-8"), e.detail());
    }

    @Test
    void thirtyTwoBitFlacIsUnsupported() throws Exception {
        byte[] flac = TestAudio.resource("mono8.flac");
        // bits-per-sample minus one sits across STREAMINFO bytes 12 and 13 (1 bit + 4 bits).
        flac[8 + 12] |= 1;
        flac[8 + 13] |= (byte) 0xF0;
        InputRejectedException e = rejected(flac);
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.detail().contains("32-bit FLAC"), e.detail());
    }

    private static void assertDecodesTo(byte[] flac, int[][] channels) throws Exception {
        int bps;
        try (MonoAudioStream s = TestAudio.open(flac, "t")) {
            bps = s.description().bitsPerSample();
        }
        float scale = (float) (1.0 / ((double) (1L << (bps - 1)) * channels.length));
        float[] expected = new float[channels[0].length];
        for (int i = 0; i < expected.length; i++) {
            int sum = 0;
            for (int[] c : channels) {
                sum += c[i];
            }
            expected[i] = sum * scale;
        }
        assertArrayEquals(expected, TestAudio.decode(flac, "t"));
    }

    private static int[] randomSamples(Random rnd, int n, int bits) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextInt(1 << bits) - (1 << (bits - 1));
        }
        return s;
    }

    /** A slow random walk: something predictors do well on. */
    private static int[] smoothSamples(Random rnd, int n, int bits) {
        int[] s = new int[n];
        double v = 0;
        double max = (1 << (bits - 1)) - 1;
        for (int i = 0; i < n; i++) {
            v = Math.max(-max, Math.min(max, 0.999 * v + rnd.nextGaussian() * max / 50));
            s[i] = (int) v;
        }
        return s;
    }

    private static int[] constant(int n, int v) {
        int[] s = new int[n];
        Arrays.fill(s, v);
        return s;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
