package org.emospark.model.predict;

import java.util.Locale;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;

/** How a trained network is run over a recording longer than one window. */
public enum WindowMode {
    /** Windows of T frames, each from a zero LSTM state, as in training and in the paper. */
    FAITHFUL,
    /**
     * The same windows, but the LSTM carries its state from one window into the next, so a recording is one
     * continuous sequence however long it is. The CNN and fusion still see one window at a time.
     */
    STREAMING,
    /**
     * Windows every half window, each from a zero LSTM state, and every frame the blend of the (up to) two windows
     * around it, weighted by how far the frame lies from each window's edges. A bidirectional model hears only one
     * side of a frame at a window's edge; here every frame but the recording's first and last half window gets the
     * prediction of a window it sits near the middle of. Twice the work of {@link #FAITHFUL}.
     */
    OVERLAPPING;

    /** The setting that means "as the model was trained" ({@link #trainedWith}). */
    public static final String AS_TRAINED = "model";

    /**
     * How a model of {@code config} trained with {@code settings} runs: carrying the state if it was trained carrying
     * it; a bidirectional one in overlapping windows (on the dyadic sample corpus's Devel split, mean CCC +0.026 and
     * +0.020 for two seeds against faithful windows); else in faithful windows.
     */
    public static WindowMode trainedWith(ModelConfig config, TrainSettings settings) {
        if (settings.carryState()) {
            return STREAMING;
        }
        return config.bidirectional() ? OVERLAPPING : FAITHFUL;
    }

    /**
     * A window-mode setting: {@value #AS_TRAINED} (null returned: the model decides, {@link #trainedWith}) or a mode's
     * name.
     */
    public static WindowMode parseSetting(String value) {
        return value != null && AS_TRAINED.equals(value.trim().toLowerCase(Locale.ROOT)) ? null : parse(value);
    }

    public static WindowMode parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Window mode must be faithful, overlapping or streaming (or " + AS_TRAINED + " where a model is given), cannot be empty");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Window mode must be faithful, overlapping or streaming (or " + AS_TRAINED + " where a model is given), cannot be: " + value, e);
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
