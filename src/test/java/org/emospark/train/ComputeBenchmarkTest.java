package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emospark.metrics.Spread;
import org.junit.jupiter.api.Test;

class ComputeBenchmarkTest {
    @Test
    void everyRoundMeasuresAllFourAndTheReportGivesTheirSpread() {
        ComputeBenchmark.Figures f = ComputeBenchmark.run(ModelTrainerTest.CONFIG, ModelTrainerTest.SETTINGS, 1, 64, 3);
        assertEquals(3, f.rounds().size());
        for (ComputeBenchmark.Round r : f.rounds()) {
            assertTrue(r.matmulFlopsPerSecond() > 0 && r.trainAudioSecondsPerSecond() > 0
                    && r.forwardAudioSecondsPerSecond() > 0 && r.everyPositionForwardAudioSecondsPerSecond() > 0
                    && r.referenceForwardAudioSecondsPerSecond() > 0, r.toString());
        }
        Spread forward = f.forward();
        assertEquals(3, forward.count());
        assertTrue(forward.min() <= forward.median() && forward.median() <= forward.max());
        // The share is taken within each round: round 0's forward rate over round 0's matmul rate, and so on.
        ComputeBenchmark.Round first = f.rounds().get(0);
        double share = first.forwardAudioSecondsPerSecond() * f.forwardFlops() / first.matmulFlopsPerSecond();
        assertTrue(share >= f.forwardShareOfMatmul().min() - 1e-12 && share <= f.forwardShareOfMatmul().max() + 1e-12);
        // The ratio to the reference is taken within each round too.
        double ratio = first.forwardAudioSecondsPerSecond() / first.referenceForwardAudioSecondsPerSecond();
        assertTrue(ratio >= f.forwardOverReference().min() - 1e-12 && ratio <= f.forwardOverReference().max() + 1e-12);
        double skipping = first.forwardAudioSecondsPerSecond() / first.everyPositionForwardAudioSecondsPerSecond();
        assertTrue(skipping >= f.forwardOverEveryPosition().min() - 1e-12
                && skipping <= f.forwardOverEveryPosition().max() + 1e-12);
        String report = f.report();
        assertTrue(report.contains("3 round(s), figures min / median / max"), report);
        assertTrue(report.contains("share of the same round's matmul rate"), report);
        assertTrue(report.matches("(?s).*forward \\(inference\\): [0-9.]+ / [0-9.]+ / [0-9.]+ audio s per s.*"), report);
        assertTrue(report.matches("(?s).*\\(no silence skipped\\): [0-9.]+ / [0-9.]+ / [0-9.]+ audio s per s; forward / it: "
                + "[0-9.]+ / [0-9.]+ / [0-9.]+.*"), report);
        assertTrue(report.matches("(?s).*\\(reference\\): [0-9.]+ / [0-9.]+ / [0-9.]+ audio s per s; forward / reference: "
                + "[0-9.]+ / [0-9.]+ / [0-9.]+.*"), report);
    }

    @Test
    void refusesARunWithoutRounds() {
        assertThrows(IllegalArgumentException.class,
                () -> ComputeBenchmark.run(ModelTrainerTest.CONFIG, ModelTrainerTest.SETTINGS, 1, 64, 0));
    }
}
