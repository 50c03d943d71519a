package org.emospark.corpus.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class WavDecoderTest {
    private static final int PCM = 1;
    private static final int FLOAT = 3;

    private static float[] decode(byte[] wav) throws Exception {
        return TestAudio.decode(wav, "test.wav");
    }

    private static InputRejectedException rejected(byte[] wav) {
        return assertThrows(InputRejectedException.class, () -> decode(wav));
    }

    @Test
    void stereoSixteenBitFixtureIsTheMeanOfItsChannels() throws Exception {
        byte[] wav = TestAudio.resource("stereo16.wav");
        int[][] ch = TestAudio.pcm16Channels(wav, 2);
        float[] expected = new float[ch[0].length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (ch[0][i] + ch[1][i]) / 65536f;
        }
        try (MonoAudioStream a = TestAudio.open(wav, "stereo16.wav")) {
            assertEquals(new AudioDescription("wav", "pcm_s16le", 16000, 2, 16, 8000), a.description());
            assertEquals(16000, a.sampleRate());
            assertArrayEquals(expected, AudioReading.readAll(a));
        }
    }

    @Test
    void threeChannelFixtureAveragesAllThreeChannels() throws Exception {
        byte[] wav = TestAudio.resource("three16.wav");
        int[][] ch = TestAudio.pcm16Channels(wav, 3);
        float[] got = decode(wav);
        assertEquals(ch[0].length, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals((ch[0][i] + ch[1][i] + ch[2][i]) / (3 * 32768.0), got[i], 1e-7);
        }
        assertEquals(3, TestAudio.open(wav, "t").description().channels());
    }

    @Test
    void eightBitFixtureIsUnsignedAroundOneHundredTwentyEight() throws Exception {
        byte[] wav = TestAudio.resource("mono8.wav");
        int data = TestAudio.dataChunk(wav);
        float[] got = decode(wav);
        assertEquals(4000, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(((wav[data + i] & 0xFF) - 128) / 128f, got[i]);
        }
        assertEquals("pcm_u8", TestAudio.open(wav, "t").description().encoding());
    }

    @Test
    void twentyFourBitExtensibleFixtureWithFactChunkDecodes() throws Exception {
        byte[] wav = TestAudio.resource("mono24.wav");
        int data = TestAudio.dataChunk(wav);
        float[] got = decode(wav);
        assertEquals(4000, got.length);
        for (int i = 0; i < got.length; i++) {
            int p = data + 3 * i;
            int v = (wav[p] & 0xFF) | ((wav[p + 1] & 0xFF) << 8) | (wav[p + 2] << 16);
            assertEquals(v / 8388608f, got[i]);
        }
        assertEquals(new AudioDescription("wav", "pcm_s24le", 16000, 1, 24, 4000), TestAudio.open(wav, "t").description());
    }

    @Test
    void floatFixtureKeepsItsSamples() throws Exception {
        byte[] wav = TestAudio.resource("float32.wav");
        int data = TestAudio.dataChunk(wav);
        float[] got = decode(wav);
        ByteBuffer b = ByteBuffer.wrap(wav, data, got.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : got) {
            assertEquals(b.getFloat(), v);
        }
        assertEquals(2000, got.length);
        assertEquals("pcm_f32le", TestAudio.open(wav, "t").description().encoding());
    }

    @Test
    void everyIntegerWidthScalesToFullScale() throws Exception {
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, decode(new WavBuilder().format(PCM, 1, 8000, 8)
                .data(new byte[] {0, (byte) 128, (byte) 192}).build()));
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, decode(new WavBuilder().format(PCM, 1, 8000, 16)
                .pcm16(-32768, 0, 16384).build()));
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, decode(new WavBuilder().format(PCM, 1, 8000, 24)
                .pcm24(-8388608, 0, 4194304).build()));
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, decode(new WavBuilder().format(PCM, 1, 8000, 32)
                .pcm32(Integer.MIN_VALUE, 0, 1 << 30).build()));
    }

    @Test
    void floatSixtyFourBitDecodes() throws Exception {
        byte[] wav = new WavBuilder().format(FLOAT, 2, 8000, 64).float64(0.25, 0.75, -0.5, -0.5).build();
        assertArrayEquals(new float[] {0.5f, -0.5f}, decode(wav));
        assertEquals("pcm_f64le", TestAudio.open(wav, "t").description().encoding());
    }

    @Test
    void floatBeyondFullScaleIsClippedAndNanIsCorrupt() throws Exception {
        assertArrayEquals(new float[] {1f, -1f}, decode(new WavBuilder().format(FLOAT, 1, 8000, 32)
                .float32(1.5f, -3f).build()));
        InputRejectedException e = rejected(new WavBuilder().format(FLOAT, 1, 8000, 32).float32(0f, Float.NaN).build());
        assertEquals(RejectReason.CORRUPT_AUDIO, e.reason());
        assertTrue(e.detail().contains("sample frame 1"), e.detail());
    }

    @Test
    void extensibleFloatAndTwentyFourInThirtyTwoBitPcmDecode() throws Exception {
        assertArrayEquals(new float[] {0.25f}, decode(new WavBuilder().format(0xFFFE, 1, 8000, 32)
                .extensible(FLOAT, 32).float32(0.25f).build()));
        byte[] wav = new WavBuilder().format(0xFFFE, 1, 8000, 32).extensible(PCM, 24).pcm32(1 << 29).build();
        assertArrayEquals(new float[] {0.25f}, decode(wav));
        assertEquals(24, TestAudio.open(wav, "t").description().bitsPerSample());
    }

    @Test
    void unknownChunksAreSkippedIncludingTheirPadByte() throws Exception {
        byte[] wav = new WavBuilder().format(PCM, 1, 8000, 16)
                .chunk("LIST", "INFOISFT\3\0\0\0ab\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) // 15 bytes: odd
                .chunk("fact", new byte[] {3, 0, 0, 0})
                .pcm16(100, -200, 300).build();
        assertArrayEquals(new float[] {100 / 32768f, -200 / 32768f, 300 / 32768f}, decode(wav));
    }

    @Test
    void streamingWriterSizesReadToTheEndOfTheFile() throws Exception {
        for (long declared : new long[] {0xFFFFFFFFL, 0}) {
            byte[] wav = new WavBuilder().format(PCM, 1, 8000, 16).dataSize(declared).pcm16(1, 2, 3, 4, 5).build();
            try (MonoAudioStream a = TestAudio.open(wav, "t")) {
                assertEquals(-1, a.description().declaredFrames());
                assertEquals(5, AudioReading.readAll(a).length);
            }
        }
    }

    @Test
    void rf64WithDs64ChunkDecodes() throws Exception {
        byte[] wav = new WavBuilder().rf64().format(PCM, 1, 8000, 16).pcm16(10, 20, 30).build();
        try (MonoAudioStream a = TestAudio.open(wav, "t")) {
            assertEquals(3, a.description().declaredFrames());
            assertArrayEquals(new float[] {10 / 32768f, 20 / 32768f, 30 / 32768f}, AudioReading.readAll(a));
        }
    }

    @Test
    void dataShorterThanDeclaredIsTruncatedNamingBothCounts() {
        byte[] wav = new WavBuilder().format(PCM, 2, 8000, 16).dataSize(4000).pcm16(new int[1200]).build();
        InputRejectedException e = rejected(wav);
        assertEquals(RejectReason.TRUNCATED_AUDIO, e.reason());
        assertEquals("test.wav: truncated: header declares 1000 sample frames, stream ends after 600", e.detail());
    }

    @Test
    void fixtureCutMidwayIsTruncated() {
        byte[] wav = TestAudio.resource("stereo16.wav");
        byte[] cut = Arrays.copyOf(wav, wav.length - 10001);
        InputRejectedException e = rejected(cut);
        assertEquals(RejectReason.TRUNCATED_AUDIO, e.reason());
        assertTrue(e.detail().endsWith("header declares 8000 sample frames, stream ends after 5499"), e.detail());
    }

    @Test
    void fixtureCutInsideTheHeaderIsTruncated() {
        byte[] wav = TestAudio.resource("mono24.wav");
        assertEquals(RejectReason.TRUNCATED_AUDIO, rejected(Arrays.copyOf(wav, 30)).reason());
        assertEquals(RejectReason.TRUNCATED_AUDIO, rejected(Arrays.copyOf(wav, 16)).reason());
    }

    @Test
    void headerWithoutSamplesIsEmpty() {
        InputRejectedException e = rejected(new WavBuilder().format(PCM, 1, 8000, 16).build());
        assertEquals(RejectReason.EMPTY_AUDIO, e.reason());
        assertTrue(e.detail().startsWith("test.wav: "), e.detail());
        assertEquals(RejectReason.EMPTY_AUDIO, rejected(new WavBuilder().format(PCM, 2, 8000, 16)
                .dataSize(0xFFFFFFFFL).data(new byte[2]).build()).reason());
    }

    @Test
    void muLawIsUnsupportedNamingTheFormatCode() {
        InputRejectedException e = rejected(new WavBuilder().format(7, 1, 8000, 8).data(new byte[100]).build());
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.detail().startsWith("test.wav: WAV format code 7 (0x0007, mu-law) is not supported"), e.detail());
    }

    @Test
    void adpcmInsideExtensibleIsUnsupported() {
        InputRejectedException e = rejected(new WavBuilder().format(0xFFFE, 1, 8000, 4).extensible(2, 4)
                .data(new byte[100]).build());
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.detail().contains("Microsoft ADPCM"), e.detail());
    }

    @Test
    void sixteenBitFloatIsUnsupported() {
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, rejected(new WavBuilder().format(FLOAT, 1, 8000, 16)
                .pcm16(1, 2).build()).reason());
    }

    @Test
    void structuralDamageIsCorruptWithAPreciseMessage() {
        InputRejectedException noFmt = rejected(new WavBuilder().withoutFmt().pcm16(1, 2).build());
        assertEquals(RejectReason.CORRUPT_AUDIO, noFmt.reason());
        assertTrue(noFmt.detail().contains("before any 'fmt ' chunk"), noFmt.detail());

        InputRejectedException noData = rejected(new WavBuilder().format(PCM, 1, 8000, 16).withoutData().build());
        assertEquals(RejectReason.CORRUPT_AUDIO, noData.reason());
        assertTrue(noData.detail().contains("no 'data' chunk"), noData.detail());

        InputRejectedException align = rejected(new WavBuilder().format(PCM, 2, 8000, 16).blockAlign(3).pcm16(1, 2).build());
        assertEquals(RejectReason.CORRUPT_AUDIO, align.reason());
        assertEquals("test.wav: block align 3 does not match 2 channel(s) of 2-byte samples (expected 4)", align.detail());

        InputRejectedException zeroChannels = rejected(new WavBuilder().format(PCM, 0, 8000, 16).blockAlign(2).pcm16(1).build());
        assertEquals(RejectReason.CORRUPT_AUDIO, zeroChannels.reason());

        byte[] garbageChunk = new WavBuilder().format(PCM, 1, 8000, 16).pcm16(1).build();
        garbageChunk[36] = 0x01;
        InputRejectedException garbage = rejected(garbageChunk);
        assertEquals(RejectReason.CORRUPT_AUDIO, garbage.reason());
        assertTrue(garbage.detail().contains("byte offset 36"), garbage.detail());
    }

    @Test
    void oddReadSizesGiveTheSameSamples() throws Exception {
        byte[] wav = TestAudio.resource("stereo16.wav");
        float[] whole = decode(wav);
        try (MonoAudioStream a = TestAudio.open(wav, "t")) {
            assertArrayEquals(whole, TestAudio.readInBlocks(a, 1, 7, 333, 4096));
        }
    }
}
