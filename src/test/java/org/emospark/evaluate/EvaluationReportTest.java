package org.emospark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores.Score;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    private static SplitEvaluation result() {
        List<EmotionSeries> recordings = List.of(SyntheticEmotion.recording("Devel_01", 1, 600),
                SyntheticEmotion.recording("Devel_02", 2, 900), SyntheticEmotion.recording("Devel_03", 3, 450));
        return SplitEvaluation.of("fusion-att <faithful>", "Devel", LocalDate.of(2026, 11, 24), recordings);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Test
    void theFramesInsideAndOutsideTheSubjectsTurnsGetTablesOfTheirOwnWhenTheTurnsAreKnown() {
        List<EmotionSeries> recordings = List.of(SyntheticEmotion.recording("Devel_01", 1, 600));
        boolean[] subject = new boolean[600];
        Arrays.fill(subject, 100, 400, true);
        SplitEvaluation parts = SplitEvaluation.of("m", "Devel", LocalDate.of(2026, 12, 6), recordings,
                Map.of("Devel_01", subject));
        String html = new EvaluationReport().render(parts);

        assertEquals(300, parts.inSubjectTurns().frames());
        assertEquals(300, parts.outsideSubjectTurns().frames());
        assertTrue(html.contains("turns (300)"), "the part's table, with its frames");
        assertTrue(html.contains("The frames outside them (300)"));
        Score in = parts.inSubjectTurns().scores().arousal();
        assertTrue(html.contains("<td>" + f(in.ccc()) + "</td><td>" + f(in.pearson()) + "</td><td>" + f(in.rmse())
                + "</td>"));
        assertFalse(new EvaluationReport().render(result()).contains("The frames"), "no turns, no parts");
        assertNull(result().inSubjectTurns());
    }

    @Test
    void reportIsSelfContainedWithTheScoresAndOneImagePerRecording(@TempDir Path dir) throws IOException {
        SplitEvaluation result = result();
        Path file = new EvaluationReport().write(result, dir.resolve("sub/report.html"));
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.toLowerCase(Locale.ROOT).contains("http://"), "no external references");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("https://"), "no external references");
        assertFalse(html.contains("<link"), "no stylesheet links");
        assertFalse(html.contains("<script"), "no scripts");
        assertTrue(html.contains("fusion-att &lt;faithful&gt;"), "model id, escaped");
        assertTrue(html.contains("Devel") && html.contains("2026-11-24"));

        for (DimensionScores s : List.of(result.concatenated(), result.perRecordingMean())) {
            for (Dimension d : Dimension.values()) {
                Score x = s.get(d);
                assertTrue(html.contains("<td>" + f(x.ccc()) + "</td><td>" + f(x.pearson()) + "</td><td>" + f(x.rmse())
                        + "</td>"), d + " row of " + s);
            }
        }
        // the two ways differ on this data, so both tables are really there
        assertFalse(f(result.concatenated().arousal().ccc()).equals(f(result.perRecordingMean().arousal().ccc())));

        Matcher m = IMG.matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image);
            assertEquals(1200, image.getWidth());
            images++;
        }
        assertEquals(result.recordings().size(), images);
        for (EmotionSeries r : result.recordings()) {
            assertTrue(html.contains("id=\"rec-" + r.recordingId() + "\""));
        }
    }

    private static DimensionScores ccc(double a, double v, double l) {
        return new DimensionScores(new Score(a, 0, 0), new Score(v, 0, 0), new Score(l, 0, 0));
    }

    @Test
    void comparisonBoldsTheBestOfEachColumn() {
        List<ModelScores> rows = List.of(
                new ModelScores("concat", ccc(0.40, 0.45, 0.20)),
                new ModelScores("attention", ccc(0.52, 0.41, 0.33)),
                new ModelScores("attention+w2v", ccc(0.49, 0.58, 0.30)));
        String html = new EvaluationReport().compare("Ablation, Devel", rows);

        assertTrue(html.contains("<td class=\"name\">concat</td><td>0.400</td><td>0.450</td><td>0.200</td><td>0.350</td>"), html);
        assertTrue(html.contains("<td class=\"name\">attention</td><td><b>0.520</b></td><td>0.410</td><td><b>0.330</b></td><td>0.420</td>"), html);
        assertTrue(html.contains("<td class=\"name\">attention+w2v</td><td>0.490</td><td><b>0.580</b></td><td>0.300</td><td><b>0.457</b></td>"), html);
        assertEquals(4, html.split("<b>", -1).length - 1, "one bold cell per column");
        assertFalse(html.contains("http://") || html.contains("https://"));
    }

    @Test
    void comparisonBoldsEveryTieAndNeverNaN() {
        String table = EvaluationReport.compareTable(List.of(
                new ModelScores("a", ccc(0.5, Double.NaN, 0.1)),
                new ModelScores("b", ccc(0.5, 0.2, 0.1))));
        assertEquals(6, table.split("<b>", -1).length - 1, table); // A tie 2, V 1, L tie 2, mean 1
        assertTrue(table.contains("<td>n/a</td>"));
    }

    @Test
    void comparisonOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EvaluationReport().compare("x", List.of()));
    }

    @Test
    void evaluationResultCarriesBothScoreKinds() {
        SplitEvaluation r = result();
        assertEquals(new ModelScores(r.modelId(), r.concatenated()), r.toModelScores());
        assertEquals(1950, r.recordings().stream().mapToInt(EmotionSeries::length).sum());
    }
}
