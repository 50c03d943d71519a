package org.emospark.train;

import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.emospark.frames.WindowBatch;
import org.emospark.model.Augmentation;

/**
 * Perturbs the audio of training batches as {@link Augmentation} says: another voice, another level, another noise
 * floor per window. Twelve training sessions hold twelve voices at a dozen levels and noise floors; a network that has
 * heard the same words at other pitches and SNRs has less reason to read a voice's register or a room's hiss as
 * arousal.
 *
 * <p>Each frame half that holds audio (the other half of a faithful frame is zeros and stays so, as do padding frames)
 * is resampled about its centre by the window's voice factor, mirrored at its edges where a higher voice reads past
 * them; the CNN and the prosodic descriptors see each frame on its own, so frames stay aligned with their labels and
 * words. Then the gain, then white noise at the drawn SNR of the window's audio halves. Draws are made on the training
 * thread in batch order, so a run repeats from its seed whatever the prefetch thread's timing.
 */
final class AudioAugmenter {
    /** One window's perturbation. */
    record Draw(double voiceFactor, double gainDb, double snrDb, long noiseSeed) {
    }

    private final Augmentation settings;

    AudioAugmenter(Augmentation settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    boolean active() {
        return settings.active();
    }

    /** What the perturbation draws from, for the training log. */
    String describe() {
        return String.format(Locale.ROOT, "voice x%.2f..%.2f, gain +-%.1f dB, noise %s",
                1 / (1 + settings.voice()), 1 + settings.voice(), settings.gainDb(),
                settings.snrDb() > 0 ? String.format(Locale.ROOT, "at %.0f-%.0f dB SNR", settings.snrDb(),
                        Augmentation.CLEAN_SNR_DB) : "none");
    }

    /** A draw for each of a batch's {@code windows}. */
    Draw[] choose(int windows, Random random) {
        Draw[] out = new Draw[windows];
        double logVoice = Math.log1p(settings.voice());
        for (int b = 0; b < windows; b++) {
            double factor = Math.exp((2 * random.nextDouble() - 1) * logVoice);
            double gain = (2 * random.nextDouble() - 1) * settings.gainDb();
            double snr = settings.snrDb() > 0
                    ? settings.snrDb() + random.nextDouble() * (Augmentation.CLEAN_SNR_DB - settings.snrDb())
                    : Double.POSITIVE_INFINITY;
            out[b] = new Draw(factor, gain, snr, random.nextLong());
        }
        return out;
    }

    /**
     * Perturbs the batch's audio in place and returns the batch.
     *
     * @param frameSamples samples in each half of a frame
     */
    static WindowBatch apply(WindowBatch batch, Draw[] draws, int frameSamples) {
        if (draws.length != batch.size()) {
            throw new IllegalArgumentException(draws.length + " draws for a batch of " + batch.size() + " windows");
        }
        float[] audio = batch.audio();
        if (audio == null) {
            return batch;
        }
        int perWindow = audio.length / batch.size();
        int halves = 2 * batch.frames();
        if (perWindow != halves * frameSamples) {
            throw new IllegalArgumentException("A window of " + batch.frames() + " frames holds " + perWindow
                    + " samples, not 2 x " + frameSamples + " per frame");
        }
        float[] scratch = new float[frameSamples];
        for (int b = 0; b < draws.length; b++) {
            Draw d = draws[b];
            float gain = (float) Math.pow(10, d.gainDb() / 20);
            boolean[] sounding = new boolean[halves];
            double energy = 0;
            long samples = 0;
            for (int h = 0; h < 2 * batch.windows().get(b).validFrames(); h++) {
                int at = b * perWindow + h * frameSamples;
                if (silent(audio, at, frameSamples)) {
                    continue;
                }
                sounding[h] = true;
                if (d.voiceFactor() != 1) {
                    resample(audio, at, frameSamples, d.voiceFactor(), scratch);
                }
                for (int i = at; i < at + frameSamples; i++) {
                    audio[i] *= gain;
                    energy += (double) audio[i] * audio[i];
                }
                samples += frameSamples;
            }
            if (samples == 0 || Double.isInfinite(d.snrDb())) {
                continue;
            }
            double sigma = Math.sqrt(energy / samples) * Math.pow(10, -d.snrDb() / 20);
            Random noise = new Random(d.noiseSeed());
            for (int h = 0; h < halves; h++) {
                if (sounding[h]) {
                    int at = b * perWindow + h * frameSamples;
                    for (int i = at; i < at + frameSamples; i++) {
                        audio[i] += (float) (sigma * noise.nextGaussian());
                    }
                }
            }
        }
        return batch;
    }

    private static boolean silent(float[] audio, int at, int n) {
        for (int i = at; i < at + n; i++) {
            if (audio[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces {@code audio[at, at + n)} by itself read {@code factor} times as fast about its centre (linear
     * interpolation), mirrored at its ends: factor 2 puts every pitch an octave up and keeps the span's length.
     */
    static void resample(float[] audio, int at, int n, double factor, float[] scratch) {
        System.arraycopy(audio, at, scratch, 0, n);
        double centre = (n - 1) / 2.0;
        int last = n - 1;
        for (int i = 0; i < n; i++) {
            double x = centre + (i - centre) * factor;
            // Mirror into [0, last]; the factor is at most 1.5, so one reflection reaches every position.
            if (x < 0) {
                x = -x;
            } else if (x > last) {
                x = 2.0 * last - x;
            }
            x = Math.max(0, Math.min(last, x));
            int j = (int) x;
            double frac = x - j;
            audio[at + i] = j >= last ? scratch[last] : (float) (scratch[j] + frac * (scratch[j + 1] - scratch[j]));
        }
    }
}
