package org.emospark.corpus.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class AudioDecodersTest {

    /** A FLAC decoder reads to the end of its input; the input must stay open for the caller (ingest hashes it). */
    @Test
    void decodingAFlacToItsEndLeavesTheInputOpenForTheCaller() throws Exception {
        java.nio.file.Path flac = org.emospark.testing.TestSpark.repoRoot()
                .resolve("sample-data/dyadic-synth/audio/Devel_01.flac");
        byte[] bytes = java.nio.file.Files.readAllBytes(flac);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (java.security.DigestInputStream in = new java.security.DigestInputStream(new ByteArrayInputStream(bytes), sha)) {
            MonoAudioStream audio = AudioDecoders.open(in, flac.toString());
            float[] buf = new float[4096];
            long n = 0;
            for (int r; (r = audio.read(buf, 0, buf.length)) >= 0; ) {
                n += r;
            }
            assertEquals("flac", audio.description().describe().split(" ")[0]);
            assertTrue(n > 30 * audio.description().sampleRate(), "samples: " + n);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), sha.digest());
    }

    private static InputRejectedException rejected(byte[] bytes) {
        return assertThrows(InputRejectedException.class, () -> TestAudio.open(bytes, "in/x.wav"));
    }

    @Test
    void htmlNamedWavIsRejectedAsNotAudioShowingItsFirstBytes() {
        InputRejectedException e = rejected("<html><body>404</body></html>".getBytes(StandardCharsets.US_ASCII));
        assertEquals(RejectReason.NOT_AUDIO, e.reason());
        assertEquals("in/x.wav: not a WAV or FLAC file (starts with bytes 3c 68 74 6d 6c 3e 3c 62 ...)", e.detail());
    }

    @Test
    void zeroByteFileIsEmptyAudio() {
        InputRejectedException e = rejected(new byte[0]);
        assertEquals(RejectReason.EMPTY_AUDIO, e.reason());
        assertTrue(e.detail().startsWith("in/x.wav: "), e.detail());
    }

    @Test
    void threeByteFileIsNotAudio() {
        InputRejectedException e = rejected(new byte[] {1, 2, 3});
        assertEquals(RejectReason.NOT_AUDIO, e.reason());
        assertTrue(e.detail().contains("01 02 03)"), e.detail());
    }

    @Test
    void riffFileOfAnotherFormIsNotAudio() {
        byte[] avi = "RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1);
        InputRejectedException e = rejected(avi);
        assertEquals(RejectReason.NOT_AUDIO, e.reason());
        assertTrue(e.detail().contains("'AVI '"), e.detail());
    }

    @Test
    void riffHeaderCutShortIsTruncated() {
        InputRejectedException e = rejected("RIFF\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(RejectReason.TRUNCATED_AUDIO, e.reason());
    }

    @Test
    void oggStreamIsNotAudioWithAHint() {
        InputRejectedException e = rejected("OggS\0\2\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(RejectReason.NOT_AUDIO, e.reason());
        assertTrue(e.detail().contains("Ogg"), e.detail());
    }

    @Test
    void bigEndianRifxIsUnsupported() {
        InputRejectedException e = rejected("RIFX\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(RejectReason.UNSUPPORTED_AUDIO, e.reason());
    }

    @Test
    void flacBehindAnId3TagDecodesLikeTheUntaggedFile() throws Exception {
        byte[] flac = TestAudio.resource("mono8.flac");
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 1, 5}); // 133-byte tag body
        tagged.writeBytes(new byte[133]);
        tagged.writeBytes(flac);
        assertArrayEquals(TestAudio.decode(flac, "a.flac"), TestAudio.decode(tagged.toByteArray(), "b.flac"));
    }

    @Test
    void id3TaggedMp3IsNotAudio() {
        byte[] mp3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 2, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        InputRejectedException e = rejected(mp3);
        assertEquals(RejectReason.NOT_AUDIO, e.reason());
        assertTrue(e.detail().contains("MP3"), e.detail());
    }

    @Test
    void sniffingPicksTheDecoderFromContentNotName() throws Exception {
        try (MonoAudioStream a = AudioDecoders.open(new ByteArrayInputStream(TestAudio.resource("mono8.flac")), "x.wav")) {
            assertEquals("flac", a.description().container());
        }
        try (MonoAudioStream a = AudioDecoders.open(new ByteArrayInputStream(TestAudio.resource("mono8.wav")), "x.flac")) {
            assertEquals("wav", a.description().container());
        }
    }

    @Test
    void closingTheAudioStreamClosesTheInput() throws Exception {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(TestAudio.resource("mono8.wav")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        AudioDecoders.open(in, "x.wav").close();
        assertTrue(closed[0]);
    }

    @Test
    void descriptionReadsAsOneLine() {
        AudioDescription d = new AudioDescription("wav", "pcm_s16le", 44100, 2, 16, 441000);
        assertEquals("wav pcm_s16le 44100 Hz 2 ch 16 bit", d.describe());
        assertEquals(10.0, d.declaredSeconds(), 1e-12);
    }
}
