package org.emospark.corpus.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * Audio as a pull stream of mono float samples in [-1, 1], read in blocks so that hour-long
 * recordings pass through bounded memory. Multi-channel sources are down-mixed by averaging their
 * channels.
 *
 * <p>Decoding problems surface as {@link org.emospark.reject.InputRejectedException} (a truncated
 * or corrupt file may only be noticed on the last read); any other {@link IOException} is a failure
 * of the underlying storage. Closing the stream closes the input it reads from. Not thread-safe.
 */
public interface MonoAudioStream extends Closeable {

    /** Samples per second of what {@link #read} returns (after resampling, if any). */
    int sampleRate();

    /**
     * Reads up to {@code len} samples into {@code buf[off..off+len)}.
     *
     * @return the number of samples read (at least 1 when {@code len > 0}), or -1 at the end of the audio
     */
    int read(float[] buf, int off, int len) throws IOException;

    /** The source file's format as its header declares it; not changed by resampling. */
    AudioDescription description();
}
