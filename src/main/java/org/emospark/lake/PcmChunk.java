package org.emospark.lake;

import java.util.Objects;

/**
 * One row of {@code audio_chunks} as the network's audio readers take it: where it starts in the recording, its
 * sample rate and its samples (float32 little-endian, {@link org.emospark.lake.PcmCodec}).
 */
public record PcmChunk(long startSample, int sampleRate, byte[] pcm) {
    public PcmChunk {
        Objects.requireNonNull(pcm, "pcm");
    }
}
