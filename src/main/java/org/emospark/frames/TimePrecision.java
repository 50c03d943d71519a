package org.emospark.frames;

/**
 * The precision a time in seconds has when it is rounded onto the frame grid.
 *
 * <p>{@code shared/paper.md} states the rule as Python's {@code round(t, 1)} on the time, which is
 * {@link #DOUBLE}. The authors' code ({@code data_generator.py}) first parses the word and turn times
 * with {@code astype(np.float32)} and rounds the widened float32 value, which moves some frame
 * boundaries: 0.45 s rounds to frame 5 as a double but frame 4 as float32 (0.4499999881), 0.15 s to
 * frame 1 versus 2 (0.1500000060), 2.65 s to 26 versus 27. {@link #FLOAT32} reproduces the code and
 * belongs to the faithful configuration.
 */
public enum TimePrecision {
    /** Round the double as given (the rule as written in the paper notes). */
    DOUBLE,
    /** Narrow to float32 first, then round (the authors' code). */
    FLOAT32;

    /** The value that gets rounded. */
    double narrow(double seconds) {
        return this == FLOAT32 ? (double) (float) seconds : seconds;
    }
}
