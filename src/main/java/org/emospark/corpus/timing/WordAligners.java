package org.emospark.corpus.timing;

import java.util.List;
import java.util.Locale;

/**
 * The word aligners by their configuration names: {@value #UNIFORM} ({@link UniformAligner}, the
 * authors' fallback) and {@value #PAUSE} ({@link PauseAwareAligner}, the default).
 */
public final class WordAligners {
    /** Name of {@link UniformAligner}. */
    public static final String UNIFORM = "uniform";
    /** Name of {@link PauseAwareAligner}. */
    public static final String PAUSE = "pause";
    /** The aligner to use when the configuration names none. */
    public static final String DEFAULT = PAUSE;

    private static final List<String> NAMES = List.of(UNIFORM, PAUSE);

    private WordAligners() {
    }

    /** Every name {@link #forName} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The aligner with that name (case and surrounding spaces ignored).
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    public static WordAligner forName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case UNIFORM:
                return new UniformAligner();
            case PAUSE:
                return new PauseAwareAligner();
            default:
                throw new IllegalArgumentException("Unknown word aligner '" + name + "', expected one of: "
                        + String.join(", ", NAMES));
        }
    }
}
