package org.emospark.model.predict;

import java.util.Locale;

/** How a trained network is run over a recording longer than one window. */
public enum WindowMode {
    /** Windows of T frames, each from a zero LSTM state, as in training and in the paper. */
    FAITHFUL,
    /**
     * The same windows, but the LSTM carries its state from one window into the next, so a recording is one
     * continuous sequence however long it is. The CNN and fusion still see one window at a time.
     */
    STREAMING;

    public static WindowMode parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Window mode must be faithful or streaming, cannot be empty");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Window mode must be faithful or streaming, cannot be: " + value, e);
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
