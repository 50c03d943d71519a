package org.emospark.evaluate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionSeries;

/**
 * Predicted against gold arousal, valence and liking of one recording, as a PNG.
 *
 * <p>Three stacked panels share the time axis (seconds); each shows gold as a solid dark line and the
 * prediction in orange on a fixed y range of [-1, 1] with gridlines, and its title names the recording,
 * the dimension and that recording's CCC. A legend sits at the top right. Drawn with Java2D into a
 * {@link BufferedImage} in headless mode (this class sets {@code java.awt.headless=true} unless the
 * caller already chose), so it runs on a cluster node without a display.
 *
 * <p>Cost: one polyline per series, linear in the number of frames; a 5-minute recording (3000 frames)
 * renders in a few tens of milliseconds.
 */
public final class EmotionPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 1200;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 700;

    /** Page background. */
    public static final Color BACKGROUND = Color.WHITE;
    /** Gold labels: solid near-black. */
    public static final Color GOLD_COLOR = new Color(0x22, 0x22, 0x22);
    /** Predictions: orange, distinct from the gold line also for red-green colour blindness. */
    public static final Color PREDICTION_COLOR = new Color(0xE6, 0x61, 0x00);

    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color ZERO_LINE = new Color(0xB0, 0xB0, 0xB0);
    private static final Color FRAME = new Color(0x88, 0x88, 0x88);
    private static final Color TEXT = new Color(0x33, 0x33, 0x33);

    private static final int LEFT = 58;
    private static final int RIGHT = 18;
    private static final int TOP = 8;
    private static final int BOTTOM = 44;
    private static final int TITLE = 24;
    private static final int GAP = 10;

    private final int width;
    private final int height;

    /** A plot of {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} px. */
    public EmotionPlot() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public EmotionPlot(int width, int height) {
        if (width < 300 || height < 240) {
            throw new IllegalArgumentException("Plot must be at least 300 x 240 px, cannot be: " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The vertical pixel span {@code [top, bottom)} of a dimension's plotting area (below its title). */
    public int[] panelBounds(Dimension dimension) {
        int panelHeight = (height - TOP - BOTTOM - GAP * (Dimension.COUNT - 1)) / Dimension.COUNT;
        int top = TOP + dimension.index() * (panelHeight + GAP);
        return new int[] {top + TITLE, top + panelHeight};
    }

    /** The horizontal pixel span {@code [left, right)} of the plotting areas. */
    public int[] plotBounds() {
        return new int[] {LEFT, width - RIGHT};
    }

    /** Renders a recording, titled with its own per-dimension CCC. */
    public BufferedImage render(EmotionSeries series) {
        return render(series, series.scores());
    }

    /** Renders a recording, titled with the given scores (e.g. computed elsewhere). */
    public BufferedImage render(EmotionSeries series, DimensionScores scores) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(scores, "scores");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            double duration = series.durationSeconds();
            double step = tickStep(duration);
            for (Dimension d : Dimension.values()) {
                drawPanel(g, series, scores, d, duration, step);
            }
            drawTimeAxis(g, duration, step);
            drawLegend(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and encodes as PNG bytes. */
    public byte[] renderPng(EmotionSeries series) {
        return toPng(render(series));
    }

    /** Renders and writes a PNG file. */
    public Path writePng(EmotionSeries series, Path file) throws IOException {
        Files.write(file, renderPng(series));
        return file;
    }

    /** PNG encoding of an image. */
    public static byte[] toPng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void drawPanel(Graphics2D g, EmotionSeries series, DimensionScores scores, Dimension d, double duration,
            double step) {
        int[] v = panelBounds(d);
        int top = v[0];
        int bottom = v[1];
        int left = LEFT;
        int right = width - RIGHT;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(TEXT);
        String title = series.recordingId() + "  \u2014  " + d.displayName() + "   CCC "
                + format(scores.get(d).ccc());
        g.drawString(title, left, top - 7);

        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double y = -1; y <= 1.0001; y += 0.5) {
            int py = yPixel(y, top, bottom);
            g.setColor(Math.abs(y) < 1e-9 ? ZERO_LINE : GRID);
            g.drawLine(left, py, right, py);
            String label = String.format(Locale.ROOT, "%.1f", y);
            g.setColor(TEXT);
            g.drawString(label, left - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(GRID);
        for (double t = step; t < duration; t += step) {
            int px = xPixel(t, duration);
            g.drawLine(px, top, px, bottom);
        }

        Stroke line = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        g.setStroke(line);
        java.awt.Shape clip = g.getClip();
        g.clipRect(left, top, right - left, bottom - top + 1);
        g.setColor(GOLD_COLOR);
        g.draw(polyline(series.gold(d), series.frameSeconds(), duration, top, bottom));
        g.setColor(PREDICTION_COLOR);
        g.draw(polyline(series.predicted(d), series.frameSeconds(), duration, top, bottom));
        g.setClip(clip);

        g.setStroke(new BasicStroke(1f));
        g.setColor(FRAME);
        g.drawRect(left, top, right - left, bottom - top);
    }

    private void drawTimeAxis(Graphics2D g, double duration, double step) {
        int bottom = panelBounds(Dimension.LIKING)[1];
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(TEXT);
        for (double t = 0; t <= duration + 1e-9; t += step) {
            int px = xPixel(t, duration);
            g.drawLine(px, bottom, px, bottom + 4);
            String label = step < 1 ? String.format(Locale.ROOT, "%.1f", t) : String.format(Locale.ROOT, "%.0f", t);
            g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 5 + fm.getAscent());
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        String axis = "time (s)";
        g.drawString(axis, LEFT + (width - RIGHT - LEFT - fm.stringWidth(axis)) / 2, height - 8);
    }

    private void drawLegend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        String gold = "gold";
        String predicted = "prediction";
        int y = panelBounds(Dimension.AROUSAL)[0] - 11;
        int x = width - RIGHT - fm.stringWidth(predicted) - 28 - 14 - fm.stringWidth(gold) - 28;
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(GOLD_COLOR);
        g.drawLine(x, y, x + 22, y);
        g.setColor(TEXT);
        g.drawString(gold, x + 27, y + fm.getAscent() / 2 - 1);
        x += 27 + fm.stringWidth(gold) + 14;
        g.setColor(PREDICTION_COLOR);
        g.drawLine(x, y, x + 22, y);
        g.setColor(TEXT);
        g.drawString(predicted, x + 27, y + fm.getAscent() / 2 - 1);
        g.setStroke(new BasicStroke(1f));
    }

    private Path2D polyline(float[] values, double frameSeconds, double duration, int top, int bottom) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + (i * frameSeconds) / duration * (width - RIGHT - LEFT);
            double y = yExact(values[i], top, bottom);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        return path;
    }

    private int xPixel(double t, double duration) {
        return (int) Math.round(LEFT + t / duration * (width - RIGHT - LEFT));
    }

    private static int yPixel(double v, int top, int bottom) {
        return (int) Math.round(yExact(v, top, bottom));
    }

    private static double yExact(double v, int top, int bottom) {
        return top + (1 - v) / 2 * (bottom - top);
    }

    /** A "nice" tick step (1, 2, 5 x 10^k s) giving about ten ticks over the duration. */
    static double tickStep(double duration) {
        double raw = duration / 10;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
