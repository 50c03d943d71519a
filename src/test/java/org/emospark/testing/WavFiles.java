package org.emospark.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes 16-bit PCM WAV files for tests. */
public final class WavFiles {
    private WavFiles() {
    }

    public static byte[] pcm16(float[] mono, int sampleRate) {
        ByteBuffer data = ByteBuffer.allocate(mono.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mono) {
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes()).putInt(data.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** A tone with a little seeded noise, {@code seconds} long. */
    public static float[] tone(double seconds, int sampleRate, double hz, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / sampleRate) + 0.01 * rnd.nextGaussian());
        }
        return s;
    }

    public static void write(Path file, float[] mono, int sampleRate) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, pcm16(mono, sampleRate));
    }
}
