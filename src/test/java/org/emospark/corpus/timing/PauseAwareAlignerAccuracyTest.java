package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Both aligners over the committed synthetic corpus, against the generator's exact word times.
 * Surefire runs with C1 only ({@code -XX:TieredStopAtLevel=1}), so the printed speeds are lower
 * bounds of what an executor's JIT gives.
 */
class PauseAwareAlignerAccuracyTest {
    private static final Path SAMPLE = TestSpark.repoRoot().resolve("sample-data");

    @Test
    void pauseAwareAlignerBeatsTheUniformSplitOnTheSampleCorpus() throws Exception {
        AlignmentReport report = AlignmentEvaluation.of(SAMPLE.resolve("sewa-synth"), SAMPLE.resolve("sewa-synth-truth"))
                .aligner(WordAligners.UNIFORM, new UniformAligner())
                .aligner(WordAligners.PAUSE, new PauseAwareAligner())
                .run();
        System.out.print(report.describe());
        BoundaryErrorStats uniform = report.score(WordAligners.UNIFORM).errors();
        BoundaryErrorStats pause = report.score(WordAligners.PAUSE).errors();
        System.out.printf(Locale.ROOT, "boundary error, uniform: median %.1f ms, p90 %.1f ms | pause-aware: median %.1f ms,"
                + " p90 %.1f ms%n", uniform.medianS() * 1e3, uniform.p90S() * 1e3, pause.medianS() * 1e3, pause.p90S() * 1e3);

        // The whole corpus, filler-only rows excepted: 20 recordings, 221 utterances, 1370 words.
        assertEquals(20, report.recordings());
        assertEquals(221, report.utterances());
        assertEquals(1370, report.words());
        assertEquals(2 * 1370, pause.boundaries());
        assertTrue(pause.medianS() <= 0.040, "median " + pause.medianS());
        assertTrue(pause.medianS() <= 0.7 * uniform.medianS(), pause.medianS() + " vs uniform " + uniform.medianS());
        assertTrue(pause.p90S() <= 0.7 * uniform.p90S(), pause.p90S() + " vs uniform " + uniform.p90S());
        // Alignment must cost little next to decoding: the envelope pass includes decoding and resampling.
        double alignS = report.score(WordAligners.PAUSE).alignSeconds();
        assertTrue(alignS < report.envelopeSeconds(), "aligning took " + alignS + " s, decoding "
                + report.envelopeSeconds() + " s");
    }
}
