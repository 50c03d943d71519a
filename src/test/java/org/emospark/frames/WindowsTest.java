package org.emospark.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emospark.frames.Windows.LastWindow;
import org.junit.jupiter.api.Test;

class WindowsTest {

    @Test
    void dropKeepsOnlyFullConsecutiveWindows() {
        List<Window> w = Windows.of("Train_01", 250, 100, LastWindow.DROP);
        assertEquals(List.of(new Window("Train_01", 0, 100, 100), new Window("Train_01", 100, 100, 100)), w);
        assertEquals(0, Windows.of("Train_01", 99, 100, LastWindow.DROP).size());
        assertEquals(3, Windows.of("Train_01", 300, 100, LastWindow.DROP).size());
    }

    @Test
    void padAddsOnePaddedWindowWithItsValidFrameCount() {
        List<Window> w = Windows.of("Devel_01", 250, 100, LastWindow.PAD);
        assertEquals(3, w.size());
        Window last = w.get(2);
        assertEquals(new Window("Devel_01", 200, 100, 50), last);
        assertTrue(last.isPadded());
        assertEquals(250, last.endFrame());
        assertFalse(w.get(1).isPadded());
        // a recording shorter than one window: one padded window
        assertEquals(List.of(new Window("Devel_02", 0, 100, 7)), Windows.of("Devel_02", 7, 100, LastWindow.PAD));
        // an exact multiple needs no padding
        assertEquals(3, Windows.of("Devel_03", 300, 100, LastWindow.PAD).size());
        assertEquals(List.of(), Windows.of("Devel_04", 0, 100, LastWindow.PAD));
        // valid frames add up to the recording
        assertEquals(250, w.stream().mapToInt(Window::validFrames).sum());
    }

    @Test
    void overlapCoversEveryFrameWithFullWindows() {
        assertEquals(List.of(new Window("Train_01", 0, 100, 100), new Window("Train_01", 100, 100, 100),
                new Window("Train_01", 150, 100, 100)), Windows.of("Train_01", 250, 100, LastWindow.OVERLAP),
                "the tail in a window ending at the last frame");
        assertEquals(List.of(new Window("Train_01", 0, 100, 100), new Window("Train_01", 30, 100, 100),
                new Window("Train_01", 130, 100, 100)), Windows.of("Train_01", 230, 100, LastWindow.OVERLAP, 30),
                "a shifted grid ending exactly at the last frame gets only the head window");
        assertEquals(List.of(new Window("Train_01", 0, 100, 100), new Window("Train_01", 20, 100, 100)),
                Windows.of("Train_01", 120, 100, LastWindow.OVERLAP, 50), "no full window in the shifted grid");
        assertEquals(List.of(new Window("Train_01", 0, 100, 100)), Windows.of("Train_01", 100, 100, LastWindow.OVERLAP));
        assertEquals(List.of(), Windows.of("Train_01", 99, 100, LastWindow.OVERLAP), "shorter than a window: none");
    }

    @Test
    void windowsNeverCrossRecordings() {
        Map<String, Integer> frames = new LinkedHashMap<>();
        frames.put("Train_01", 130);
        frames.put("Train_02", 70);
        frames.put("Train_03", 200);
        for (LastWindow policy : LastWindow.values()) {
            List<Window> all = Windows.of(frames, 50, policy);
            String previous = null;
            int expectedStart = 0;
            for (Window w : all) {
                if (!w.recordingId().equals(previous)) {
                    expectedStart = 0;
                    previous = w.recordingId();
                }
                if (policy == LastWindow.OVERLAP) {
                    assertTrue(w.startFrame() <= expectedStart, "no frame of " + w.recordingId() + " is skipped");
                    assertEquals(w.frames(), w.validFrames(), w + " is full");
                    expectedStart = w.endFrame();
                } else {
                    assertEquals(expectedStart, w.startFrame(), "windows are consecutive within " + w.recordingId());
                    expectedStart += w.frames();
                }
                assertTrue(w.endFrame() <= frames.get(w.recordingId()), w + " stays inside its recording");
            }
            // 130 -> 2 full + 30; 70 -> 1 full + 20; 200 -> 4 full
            assertEquals(policy == LastWindow.DROP ? 7 : 9, all.size());
            List<String> ids = all.stream().map(Window::recordingId).toList();
            assertEquals(policy == LastWindow.DROP
                    ? List.of("Train_01", "Train_01", "Train_02", "Train_03", "Train_03", "Train_03", "Train_03")
                    : List.of("Train_01", "Train_01", "Train_01", "Train_02", "Train_02",
                            "Train_03", "Train_03", "Train_03", "Train_03"), ids);
        }
        List<Window> overlapping = Windows.of(frames, 50, LastWindow.OVERLAP);
        assertEquals(new Window("Train_01", 80, 50, 50), overlapping.get(2));
        assertEquals(new Window("Train_02", 20, 50, 50), overlapping.get(4));
        List<Window> padded = Windows.of(frames, 50, LastWindow.PAD);
        assertEquals(new Window("Train_01", 100, 50, 30), padded.get(2));
        assertEquals(new Window("Train_02", 0, 50, 50), padded.get(3));
        assertEquals(new Window("Train_02", 50, 50, 20), padded.get(4));
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Windows.of("Train_01", 10, 0, LastWindow.DROP));
        assertEquals("Window frames must be at least 1, cannot be: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Windows.of("Train_01", -1, 10, LastWindow.DROP));
        assertThrows(IllegalArgumentException.class, () -> new Window("x", 0, 10, 11));
    }
}
