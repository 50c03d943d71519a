package org.emospark.corpus.audio;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * What a decoder found in an audio file's header, before any down-mixing or resampling.
 *
 * @param container      {@code "wav"} or {@code "flac"}
 * @param encoding       the sample coding, e.g. {@code "pcm_s16le"}, {@code "pcm_f32le"}, {@code "flac"}
 * @param sampleRate     the file's own sample rate in Hz
 * @param channels       the file's channel count (decoders down-mix these to mono)
 * @param bitsPerSample  significant bits per sample (e.g. 12 for 12-bit audio in 16-bit WAV containers)
 * @param declaredFrames sample frames the header declares, or -1 when the header does not say
 *                       (streamed WAV, FLAC with total samples 0)
 */
public record AudioDescription(String container, String encoding, int sampleRate, int channels,
                               int bitsPerSample, long declaredFrames) implements Serializable {

    public AudioDescription {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate <= 0 || channels <= 0 || bitsPerSample <= 0 || declaredFrames < -1) {
            throw new IllegalArgumentException("Invalid audio description: rate " + sampleRate + ", channels "
                    + channels + ", bits " + bitsPerSample + ", frames " + declaredFrames);
        }
    }

    /** One line for humans and for the recordings table, e.g. {@code wav pcm_s16le 44100 Hz 2 ch 16 bit}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s %d Hz %d ch %d bit", container, encoding, sampleRate, channels,
                bitsPerSample);
    }

    /** The declared duration in seconds, or NaN when the header does not declare a length. */
    public double declaredSeconds() {
        return declaredFrames < 0 ? Double.NaN : declaredFrames / (double) sampleRate;
    }
}
