package org.emospark.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionSeries;

/**
 * The evaluation report as one self-contained HTML file: inline CSS, every figure a PNG embedded as a
 * base64 {@code data:} URI, no external reference, so it can be mailed, attached to a run or opened
 * offline.
 *
 * <p>{@link #render(SplitEvaluation)} gives a header (model, split, date), the scores table (CCC,
 * Pearson, RMSE per dimension, on the concatenation and as per-recording mean), a per-recording CCC
 * table and one {@link EmotionPlot} per recording. {@link #compare(String, List)} gives the ablation
 * table: one row per model, columns CCC arousal / valence / liking and their mean, the best of each
 * column in bold.
 *
 * <p>Cost: one PNG render and encode per recording (tens of ms each); the file holds about 60-120 KB per
 * recording.
 */
public final class EvaluationReport {
    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;margin:24px auto;max-width:1240px;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .meta{color:#555;font-size:14px;margin-bottom:12px}.meta span{margin-right:24px}
            table{border-collapse:collapse;font-size:14px;margin:8px 0}
            th,td{border:1px solid #d4d4d4;padding:5px 12px;text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f3f3f3}td.name,th.name{text-align:left}
            tr.group td{background:#fafafa;font-weight:bold;text-align:left}
            figure{margin:16px 0}figure img{max-width:100%;border:1px solid #e4e4e4}
            figcaption{font-size:13px;color:#555}.note{font-size:13px;color:#666}
            """;

    private final EmotionPlot plot;

    /** A report drawing default-sized plots. */
    public EvaluationReport() {
        this(new EmotionPlot());
    }

    public EvaluationReport(EmotionPlot plot) {
        this.plot = Objects.requireNonNull(plot, "plot");
    }

    /** The report of one model on one split, as HTML text. */
    public String render(SplitEvaluation result) {
        return render(result, List.of());
    }

    /**
     * The report of one model on one split, as HTML text, saying under its header when the model was trained on
     * {@code trainedOn}, recordings of this split (Train, or a refitted model's Devel).
     */
    public String render(SplitEvaluation result, List<String> trainedOn) {
        StringBuilder h = new StringBuilder(256 * 1024);
        String title = "Evaluation of " + result.modelId() + " on " + result.split();
        open(h, title);
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        h.append("<div class=\"meta\"><span>Model: <b>").append(escape(result.modelId()))
                .append("</b></span><span>Split: <b>").append(escape(result.split()))
                .append("</b></span><span>Date: <b>").append(result.date())
                .append("</b></span><span>Recordings: <b>").append(result.recordings().size())
                .append("</b></span><span>Frames: <b>").append(frames(result.recordings())).append("</b></span></div>\n");
        if (!trainedOn.isEmpty()) {
            h.append("<p class=\"note\">The model was trained on ").append(trainedOn.size()).append(" of these ")
                    .append(result.recordings().size()).append(" recordings (").append(escape(String.join(", ", trainedOn)))
                    .append("): its scores here are not held out.</p>\n");
        }

        h.append("<h2>Scores</h2>\n");
        h.append("<table class=\"scores\">\n<tr><th class=\"name\">Dimension</th><th>CCC</th><th>Pearson</th><th>RMSE</th></tr>\n");
        scoreGroup(h, "On the concatenation of all recordings (AVEC)", result.concatenated());
        scoreGroup(h, "Per-recording mean", result.perRecordingMean());
        if (result.inSubjectTurns() != null) {
            scoreGroup(h, "The frames in the subject's turns (" + result.inSubjectTurns().frames() + ")",
                    result.inSubjectTurns().scores());
        }
        if (result.outsideSubjectTurns() != null) {
            scoreGroup(h, "The frames outside them (" + result.outsideSubjectTurns().frames() + ")",
                    result.outsideSubjectTurns().scores());
        }
        h.append("</table>\n");

        h.append("<h2>Per recording</h2>\n<table class=\"recordings\">\n<tr><th class=\"name\">Recording</th>"
                + "<th>Frames</th><th>CCC A</th><th>CCC V</th><th>CCC L</th><th>Mean</th></tr>\n");
        for (EmotionSeries r : result.recordings()) {
            DimensionScores s = r.scores();
            h.append("<tr><td class=\"name\">").append(escape(r.recordingId())).append("</td><td>").append(r.length())
                    .append("</td>");
            for (Dimension d : Dimension.values()) {
                h.append("<td>").append(format(s.get(d).ccc())).append("</td>");
            }
            h.append("<td>").append(format(s.meanCcc())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Predictions against gold</h2>\n");
        for (EmotionSeries r : result.recordings()) {
            String png = Base64.getEncoder().encodeToString(plot.renderPng(r));
            h.append("<figure id=\"rec-").append(escape(r.recordingId())).append("\"><img alt=\"")
                    .append(escape(r.recordingId())).append(": predicted and gold arousal, valence, liking\" width=\"")
                    .append(plot.width()).append("\" src=\"data:image/png;base64,").append(png)
                    .append("\"><figcaption>").append(escape(r.recordingId())).append(", ")
                    .append(String.format(Locale.ROOT, "%.1f", r.durationSeconds()))
                    .append(" s: gold (dark) and prediction (orange).</figcaption></figure>\n");
        }
        close(h);
        return h.toString();
    }

    /** Writes {@link #render(SplitEvaluation)} to a UTF-8 file, creating parent folders. */
    public Path write(SplitEvaluation result, Path file) throws IOException {
        return writeText(render(result), file);
    }

    /**
     * The comparison (ablation) table of several models, as a whole HTML page: rows in the given order,
     * columns CCC arousal / valence / liking and mean, the best (highest) value of each column in bold
     * (all of them on a tie; NaN never wins).
     */
    public String compare(String title, List<ModelScores> models) {
        Objects.requireNonNull(title, "title");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("Cannot compare no models");
        }
        StringBuilder h = new StringBuilder(8 * 1024);
        open(h, title);
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        h.append(compareTable(models));
        h.append("<p class=\"note\">CCC on the concatenation of all recordings of the split; best per column in bold.</p>\n");
        close(h);
        return h.toString();
    }

    /** Writes {@link #compare(String, List)} to a UTF-8 file, creating parent folders. */
    public Path writeComparison(String title, List<ModelScores> models, Path file) throws IOException {
        return writeText(compare(title, models), file);
    }

    /** Just the comparison {@code <table>} element, to embed elsewhere. */
    public static String compareTable(List<ModelScores> models) {
        int columns = Dimension.COUNT + 1;
        double[][] values = new double[models.size()][columns];
        double[] best = new double[columns];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int m = 0; m < models.size(); m++) {
            DimensionScores s = models.get(m).scores();
            for (Dimension d : Dimension.values()) {
                values[m][d.index()] = s.get(d).ccc();
            }
            values[m][Dimension.COUNT] = s.meanCcc();
            for (int c = 0; c < columns; c++) {
                if (!Double.isNaN(values[m][c]) && values[m][c] > best[c]) {
                    best[c] = values[m][c];
                }
            }
        }
        StringBuilder h = new StringBuilder();
        h.append("<table class=\"compare\">\n<tr><th class=\"name\">Model</th><th>CCC A</th><th>CCC V</th>"
                + "<th>CCC L</th><th>Mean</th></tr>\n");
        for (int m = 0; m < models.size(); m++) {
            h.append("<tr><td class=\"name\">").append(escape(models.get(m).modelId())).append("</td>");
            for (int c = 0; c < columns; c++) {
                String v = format(values[m][c]);
                boolean isBest = values[m][c] == best[c];
                h.append("<td>").append(isBest ? "<b>" + v + "</b>" : v).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        return h.toString();
    }

    private static void scoreGroup(StringBuilder h, String label, DimensionScores s) {
        h.append("<tr class=\"group\"><td colspan=\"4\">").append(escape(label)).append("</td></tr>\n");
        for (Dimension d : Dimension.values()) {
            DimensionScores.Score x = s.get(d);
            h.append("<tr><td class=\"name\">").append(d.displayName()).append("</td><td>").append(format(x.ccc()))
                    .append("</td><td>").append(format(x.pearson())).append("</td><td>").append(format(x.rmse()))
                    .append("</td></tr>\n");
        }
        h.append("<tr><td class=\"name\"><i>Mean CCC</i></td><td><i>").append(format(s.meanCcc()))
                .append("</i></td><td></td><td></td></tr>\n");
    }

    private static long frames(List<EmotionSeries> recordings) {
        long n = 0;
        for (EmotionSeries r : recordings) {
            n += r.length();
        }
        return n;
    }

    private static void open(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    private static void close(StringBuilder h) {
        h.append("</body>\n</html>\n");
    }

    private static Path writeText(String html, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    /** Three decimals, as the paper's tables; "n/a" for NaN. */
    static String format(double v) {
        return EmotionPlot.format(v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
