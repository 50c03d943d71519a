package org.emospark.model;

import java.io.Serializable;

/**
 * How training windows' audio is perturbed, each window drawn anew every epoch ({@code train.AudioAugmenter}); Devel,
 * evaluation and scoring always hear the audio as recorded.
 *
 * @param voice the largest relative change of every frame's pitch and formants: each window's frames are resampled
 *              by one factor drawn log-uniformly from {@code [1 / (1 + voice), 1 + voice]}, as a shorter or longer
 *              vocal tract would speak them (0: off)
 * @param gainDb each window's level moves by a gain drawn uniformly from {@code [-gainDb, +gainDb]} dB (0: off)
 * @param snrDb white noise is added to each window at a signal-to-noise ratio drawn uniformly from
 *              {@code [snrDb, CLEAN_SNR_DB]} dB of the window's own level (0: off)
 */
public record Augmentation(double voice, double gainDb, double snrDb) implements Serializable {
    /** The quietest noise drawn: 50 dB below the speech, about what a good studio recording has. */
    public static final double CLEAN_SNR_DB = 50;
    public static final Augmentation NONE = new Augmentation(0, 0, 0);

    public Augmentation {
        if (!(voice >= 0 && voice <= 0.5)) {
            throw new IllegalArgumentException("Voice augmentation must lie in [0, 0.5], cannot be: " + voice);
        }
        if (!(gainDb >= 0 && gainDb <= 40)) {
            throw new IllegalArgumentException("Gain augmentation must lie in [0, 40] dB, cannot be: " + gainDb);
        }
        if (!(snrDb == 0 || snrDb > 0 && snrDb < CLEAN_SNR_DB)) {
            throw new IllegalArgumentException("Noise augmentation's lowest SNR must be 0 (off) or lie in (0, "
                    + CLEAN_SNR_DB + ") dB, cannot be: " + snrDb);
        }
    }

    public boolean active() {
        return voice > 0 || gainDb > 0 || snrDb > 0;
    }
}
