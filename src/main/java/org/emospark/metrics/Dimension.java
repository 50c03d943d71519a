package org.emospark.metrics;

/** The three continuous labels of AVEC 2017 SEWA, in the column order of the labels and the model output. */
public enum Dimension {
    AROUSAL("Arousal", 'A'),
    VALENCE("Valence", 'V'),
    LIKING("Liking", 'L');

    /** Number of dimensions, the last axis of predictions and labels. */
    public static final int COUNT = 3;

    private final String displayName;
    private final char letter;

    Dimension(String displayName, char letter) {
        this.displayName = displayName;
        this.letter = letter;
    }

    /** Column of this dimension in an {@code [N, 3]} series. */
    public int index() {
        return ordinal();
    }

    /** "Arousal", "Valence", "Liking". */
    public String displayName() {
        return displayName;
    }

    /** 'A', 'V', 'L', as in the paper's tables. */
    public char letter() {
        return letter;
    }
}
