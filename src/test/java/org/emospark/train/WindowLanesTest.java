package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.emospark.frames.Window;
import org.emospark.frames.Windows;
import org.junit.jupiter.api.Test;

class WindowLanesTest {
    /** Seven recordings of 1 to 9 windows of 10 frames, the grids at several offsets. */
    private static List<List<Window>> recordings() {
        int[] windows = {3, 9, 1, 4, 4, 7, 2};
        List<List<Window>> out = new ArrayList<>();
        for (int i = 0; i < windows.length; i++) {
            out.add(Windows.of("Train_0" + i, windows[i] * 10 + i, 10, Windows.LastWindow.DROP, i));
        }
        return out;
    }

    @Test
    void everyWindowRunsOnceAndEachRowContinuesExactlyWhereItsRecordingGoesOn() {
        List<List<Window>> recordings = recordings();
        List<WindowLanes.Step> steps = WindowLanes.of(recordings, 3, new Random(5));

        Set<Window> seen = new HashSet<>();
        int rowsBefore = Integer.MAX_VALUE;
        for (int s = 0; s < steps.size(); s++) {
            WindowLanes.Step step = steps.get(s);
            int rows = step.windows().size();
            assertTrue(rows >= 1 && rows <= 3 && rows <= rowsBefore, "rows only ever end at the back: step " + s);
            rowsBefore = rows;
            for (int r = 0; r < rows; r++) {
                Window w = step.windows().get(r);
                assertTrue(seen.add(w), "twice: " + w);
                Window previous = s == 0 ? null : steps.get(s - 1).windows().get(r);
                boolean goesOn = previous != null && previous.recordingId().equals(w.recordingId());
                assertEquals(goesOn, step.continues()[r], "step " + s + " row " + r + ": " + previous + " then " + w);
                if (goesOn) {
                    assertEquals(previous.endFrame(), w.startFrame(), "a row's windows follow one another in time");
                } else {
                    assertEquals(recordingsFirst(recordings, w.recordingId()), w, "a recording starts at its first window");
                }
            }
        }
        assertEquals(30, seen.size(), "all 30 windows");
        // Dealt to the shortest lane, the three lanes end within one recording (at most 9 windows) of each other.
        assertTrue(steps.size() <= 30 / 3 + 9, "steps " + steps.size());
    }

    private static Window recordingsFirst(List<List<Window>> recordings, String id) {
        return recordings.stream().filter(r -> r.get(0).recordingId().equals(id)).findFirst().orElseThrow().get(0);
    }

    @Test
    void theSeedDecidesTheOrderAndNothingElse() {
        assertEquals(windowsOf(WindowLanes.of(recordings(), 3, new Random(5))),
                windowsOf(WindowLanes.of(recordings(), 3, new Random(5))));
        assertNotEquals(windowsOf(WindowLanes.of(recordings(), 3, new Random(5))),
                windowsOf(WindowLanes.of(recordings(), 3, new Random(6))));
    }

    private static List<List<Window>> windowsOf(List<WindowLanes.Step> steps) {
        return steps.stream().map(WindowLanes.Step::windows).toList();
    }

    @Test
    void moreLanesThanRecordingsRunEachRecordingInARowOfItsOwn() {
        List<WindowLanes.Step> steps = WindowLanes.of(recordings().subList(0, 2), 8, new Random(1));
        assertEquals(9, steps.size(), "the longest recording's 9 windows");
        assertEquals(2, steps.get(0).windows().size());
        assertEquals(1, steps.get(8).windows().size());
        assertEquals(List.of(), WindowLanes.of(List.of(), 4, new Random(1)));
    }

    @Test
    void aLaneNeedsConsecutiveWindowsOfOneRecording() {
        List<Window> gap = List.of(new Window("Train_01", 0, 10, 10), new Window("Train_01", 20, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> WindowLanes.of(List.of(gap), 2, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> WindowLanes.of(recordings(), 0, new Random(1)));
    }
}
