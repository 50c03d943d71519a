package org.emospark.corpus.text;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition names of the corpus, spelled exactly {@value #TRAIN}, {@value #DEVEL},
 * {@value #TEST} and {@value #UNLABELED}, and the two ways of arriving at them: from an AVEC
 * recording name, and from a split value a user wrote.
 */
public final class SplitNames {
    public static final String TRAIN = "Train";
    public static final String DEVEL = "Devel";
    public static final String TEST = "Test";
    public static final String UNLABELED = "unlabeled";
    public static final List<String> ALL = List.of(TRAIN, DEVEL, TEST, UNLABELED);

    /**
     * {@code Train_01}, {@code devel3}, {@code TEST-04.wav}, {@code Train_DE_01} (AVEC 2017's SEWA names),
     * {@code Train_f12}: a split word, then a _ or - or a digit.
     */
    private static final Pattern AVEC_NAME = Pattern.compile("(?i)^(train|devel|test)(?:[_-]|\\d)");

    private SplitNames() {
    }

    /**
     * The split an AVEC recording name implies: {@code Train_01} -> Train, {@code Devel_3} -> Devel,
     * {@code test_04} -> Test, {@code Train_DE_01} -> Train (case-insensitive, a directory part is ignored); any other
     * name ->
     * {@value #UNLABELED}.
     */
    public static String fromRecordingName(String name) {
        Objects.requireNonNull(name, "name");
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        Matcher m = AVEC_NAME.matcher(base);
        if (!m.find()) {
            return UNLABELED;
        }
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "train" -> TRAIN;
            case "devel" -> DEVEL;
            default -> TEST;
        };
    }

    /**
     * A split value as a user wrote it, case-insensitive and trimmed, in its canonical spelling;
     * {@code null} for {@code null} or blank (the caller decides what no split means).
     *
     * @throws IllegalArgumentException for any other value, naming it and the accepted ones
     */
    public static String normalize(String split) {
        if (split == null || split.isBlank()) {
            return null;
        }
        String s = split.strip();
        for (String name : ALL) {
            if (name.equalsIgnoreCase(s)) {
                return name;
            }
        }
        throw new IllegalArgumentException("split '" + s + "' is not one of " + String.join(", ", ALL)
                + " (case-insensitive)");
    }
}
