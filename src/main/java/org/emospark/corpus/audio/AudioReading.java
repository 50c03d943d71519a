package org.emospark.corpus.audio;

import java.io.IOException;
import java.util.Arrays;

/** Convenience reads over a {@link MonoAudioStream}. */
public final class AudioReading {
    private AudioReading() {
    }

    /**
     * Reads the rest of {@code audio} into one array. Only for short audio (tests, snippets): the
     * whole signal is held in memory, 4 bytes per sample; ingest code should read in blocks instead.
     * Does not close the stream.
     */
    public static float[] readAll(MonoAudioStream audio) throws IOException {
        float[] out = new float[8192];
        int n = 0;
        while (true) {
            if (n == out.length) {
                if (out.length == Integer.MAX_VALUE - 8) {
                    throw new IOException("Audio too long to hold in one array (" + n + " samples)");
                }
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, out.length * 2L));
            }
            int r = audio.read(out, n, out.length - n);
            if (r < 0) {
                return Arrays.copyOf(out, n);
            }
            n += r;
        }
    }
}
