package org.emospark.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.emospark.frames.Window;

/**
 * The order in which training with the state carried across windows ({@code TrainSettings#carryState}) runs an
 * epoch's windows: {@code lanes} rows side by side, each a run of whole recordings whose windows follow one another in
 * time, so row b of one step continues row b of the step before unless a new recording starts there.
 *
 * <p>Recordings are dealt, in a seeded random order, to the lane with the fewest windows so far (the lanes end within
 * one recording of each other); lanes are then numbered longest first, so the rows still running at any step are
 * always the first ones and the state arrays only ever lose rows at their end.
 */
final class WindowLanes {
    /**
     * One training step: its windows, row by row, and for each row whether it continues the previous step's window of
     * the same row (the LSTM starts from that window's last state) or starts a recording (a zero state).
     */
    record Step(List<Window> windows, boolean[] continues) {
        Step {
            windows = List.copyOf(windows);
            if (continues.length != windows.size()) {
                throw new IllegalArgumentException("One continuation flag per window, not " + continues.length + " for "
                        + windows.size());
            }
        }
    }

    private WindowLanes() {
    }

    /**
     * @param recordings each recording's windows in time order (consecutive: each starts where the one before ends)
     * @param lanes rows per step (the batch size)
     * @param random shuffles the recordings
     */
    static List<Step> of(List<List<Window>> recordings, int lanes, Random random) {
        Objects.requireNonNull(random, "random");
        if (lanes < 1) {
            throw new IllegalArgumentException("Lanes must be at least 1, cannot be: " + lanes);
        }
        List<List<Window>> order = new ArrayList<>();
        for (List<Window> r : recordings) {
            checkConsecutive(r);
            if (!r.isEmpty()) {
                order.add(r);
            }
        }
        Collections.shuffle(order, random);
        List<List<Window>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(lanes, order.size()); i++) {
            rows.add(new ArrayList<>());
        }
        for (List<Window> r : order) {
            rows.stream().min(Comparator.comparingInt(List::size)).orElseThrow().addAll(r);
        }
        // Stable: equal lengths keep their dealing order, so the schedule depends on the seed alone.
        rows.sort(Comparator.comparingInt((List<Window> l) -> l.size()).reversed());
        int steps = rows.isEmpty() ? 0 : rows.get(0).size();
        List<Step> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            final int step = s;
            int running = (int) rows.stream().filter(row -> row.size() > step).count();
            List<Window> windows = new ArrayList<>(running);
            boolean[] continues = new boolean[running];
            for (int r = 0; r < running; r++) {
                List<Window> row = rows.get(r);
                windows.add(row.get(s));
                continues[r] = s > 0 && follows(row.get(s - 1), row.get(s));
            }
            out.add(new Step(windows, continues));
        }
        return out;
    }

    private static boolean follows(Window previous, Window next) {
        return previous.recordingId().equals(next.recordingId()) && previous.endFrame() == next.startFrame();
    }

    private static void checkConsecutive(List<Window> windows) {
        for (int i = 1; i < windows.size(); i++) {
            if (!follows(windows.get(i - 1), windows.get(i))) {
                throw new IllegalArgumentException("A lane needs one recording's consecutive windows in order, cannot be: "
                        + windows.get(i - 1) + " then " + windows.get(i));
            }
        }
    }
}
