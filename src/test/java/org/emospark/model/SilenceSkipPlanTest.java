package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SilenceSkipPlanTest {

    private static final ReceptiveField SMALL = ReceptiveField.of(List.of(4, 3), List.of(2, 3));

    /**
     * For random sparse sound: every output position either takes the silent vector, and then its field is inside the
     * window and touches no block with sound nor the window's first or last block, or comes from a crop of its own window
     * whose samples hold its whole field (or whose padding is the window's, at the window's edges).
     */
    @Test
    void everyPositionIsSilentOrReadsItsWholeFieldFromItsCrop() {
        assertEquals(new ReceptiveField(6, 3, 4), SMALL);
        Random r = new Random(11);
        int block = 5;
        int batch = 3;
        long length = 600;
        int blocks = (int) (length / block);
        for (int trial = 0; trial < 20; trial++) {
            boolean[] sounding = new boolean[batch * blocks];
            for (int i = 0; i < sounding.length; i++) {
                sounding[i] = r.nextDouble() < 0.06;
            }
            SilenceSkipPlan plan = SilenceSkipPlan.of(SMALL, block, batch, length, sounding).orElseThrow();
            check(plan, SMALL, block, batch, length, sounding);
        }
    }

    @Test
    void thePapersFramesAreComputedOnAboutThreeQuartersOfTheirPositions() {
        ModelConfig config = ModelConfig.faithful();
        ReceptiveField field = ReceptiveField.of(config.cnnKernels(), config.pools());
        int block = config.frameSamples();
        int batch = 4;
        long length = (long) config.windowFrames() * config.frameInput();
        // turns of 1 to 5 s: the subject half, then the interlocutor half
        boolean[] sounding = new boolean[(int) (batch * length / block)];
        Random r = new Random(3);
        int frame = 0;
        boolean subject = true;
        while (frame < sounding.length / 2) {
            int turn = 10 + r.nextInt(41);
            for (int f = frame; f < Math.min(sounding.length / 2, frame + turn); f++) {
                sounding[2 * f + (subject ? 0 : 1)] = true;
            }
            frame += turn;
            subject = !subject;
        }
        SilenceSkipPlan plan = SilenceSkipPlan.of(field, block, batch, length, sounding).orElseThrow();
        check(plan, field, block, batch, length, sounding);
        // crops of 11 trusted positions: the few blocks that reach 12 positions take two
        assertEquals(13, plan.cropPositions());
        int computedBlocks = 0;
        for (int i = 0; i < sounding.length; i++) {
            computedBlocks += sounding[i] || i % 200 == 0 || i % 200 == 199 ? 1 : 0;
        }
        assertTrue(plan.crops() > computedBlocks && plan.crops() < 1.1 * computedBlocks, plan.crops() + " crops");
        long positions = batch * length / field.stride();
        double share = (plan.crops() + 1.0) * plan.cropPositions() / positions;
        assertTrue(share > 0.72 && share < 0.78, "computed share " + share);
    }

    @Test
    void soundEverywhereOrWindowsShorterThanACropAreComputedWhole() {
        boolean[] all = new boolean[3 * 120];
        Arrays.fill(all, true);
        assertTrue(SilenceSkipPlan.of(SMALL, 5, 3, 600, all).isEmpty());
        // 12 samples: 2 positions, fewer than one crop
        assertTrue(SilenceSkipPlan.of(SMALL, 3, 1, 12, new boolean[4]).isEmpty());
        // not a whole number of blocks
        assertTrue(SilenceSkipPlan.of(SMALL, 7, 1, 600, new boolean[85]).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> SilenceSkipPlan.of(SMALL, 5, 3, 600, new boolean[10]));
        // silence everywhere: the windows' edges only, and every other position silent
        SilenceSkipPlan silent = SilenceSkipPlan.of(SMALL, 5, 3, 600, new boolean[360]).orElseThrow();
        assertEquals(6, silent.crops());
        check(silent, SMALL, 5, 3, 600, new boolean[360]);
    }

    private static void check(SilenceSkipPlan plan, ReceptiveField field, int block, int batch, long length,
                              boolean[] sounding) {
        long stride = field.stride();
        long positions = length / stride;
        int n = plan.cropPositions();
        int blocks = (int) (length / block);
        long[] cropRows = plan.cropRows();
        long[] outputRows = plan.outputRows();
        assertEquals((plan.crops() + 1) * n, cropRows.length);
        assertEquals(batch * positions, outputRows.length);
        // the all-zero crop reads the zero row only; its trusted position's field lies inside it
        for (int k = 0; k < n; k++) {
            assertEquals(batch * positions, cropRows[plan.crops() * n + k]);
        }
        long trusted = field.marginLeft();
        assertTrue(trusted * stride - field.left() >= 0 && (trusted + 1) * stride + field.right() <= n * stride);
        int silentPositions = 0;
        for (int b = 0; b < batch; b++) {
            for (long p = 0; p < positions; p++) {
                long row = outputRows[(int) (b * positions + p)];
                long from = p * stride - field.left();
                long to = (p + 1) * stride - 1 + field.right();
                int c = (int) (row / n);
                if (c == plan.crops()) {
                    assertEquals(trusted, row % n);
                    assertTrue(from >= 0 && to < length, "a silent position reaches the window's edge: " + p);
                    for (long j = from / block; j <= to / block; j++) {
                        assertTrue(j > 0 && j < blocks - 1 && !sounding[(int) (b * blocks + j)],
                                "window " + b + " position " + p + " reads block " + j);
                    }
                    silentPositions++;
                    continue;
                }
                long start = cropRows[c * n] - b * positions;
                assertTrue(start >= 0 && start + n <= positions, "crop " + c + " lies in window " + b);
                for (int k = 1; k < n; k++) {
                    assertEquals(cropRows[c * n] + k, cropRows[c * n + k], "crop " + c + " is contiguous");
                }
                assertEquals(p - start, row % n);
                assertTrue(start * stride <= from || start == 0, "window " + b + " position " + p + " left");
                assertTrue((start + n) * stride > to || start + n == positions, "window " + b + " position " + p + " right");
            }
        }
        assertTrue(silentPositions > 0, "something was skipped");
    }
}
