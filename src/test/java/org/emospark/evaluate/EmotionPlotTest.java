package org.emospark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.EmotionSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionPlotTest {

    private static boolean isOrange(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 200 && g > 70 && g < 150 && b < 80;
    }

    private static boolean isDark(int rgb) {
        return ((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80;
    }

    @Test
    void pngDecodesAtTheExpectedSizeWithBothLinesInEveryPanel(@TempDir Path dir) throws IOException {
        EmotionSeries series = SyntheticEmotion.recording("Devel_07", 3, 2400);
        EmotionPlot plot = new EmotionPlot();
        Path file = plot.writePng(series, dir.resolve("Devel_07.png"));

        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "PNG must decode");
        assertEquals(1200, image.getWidth());
        assertEquals(700, image.getHeight());
        assertTrue(System.getProperty("java.awt.headless").equals("true"));

        int[] x = plot.plotBounds();
        for (Dimension d : Dimension.values()) {
            int[] y = plot.panelBounds(d);
            int nonBackground = 0;
            int orange = 0;
            int dark = 0;
            for (int py = y[0] + 2; py < y[1] - 1; py++) {
                for (int px = x[0] + 2; px < x[1] - 1; px++) {
                    int rgb = image.getRGB(px, py) & 0xffffff;
                    nonBackground += rgb != 0xffffff ? 1 : 0;
                    orange += isOrange(rgb) ? 1 : 0;
                    dark += isDark(rgb) ? 1 : 0;
                }
            }
            assertTrue(nonBackground > 5000, d + ": " + nonBackground + " non-background pixels");
            assertTrue(orange > 1000, d + ": " + orange + " prediction-coloured pixels");
            assertTrue(dark > 1000, d + ": " + dark + " gold-coloured pixels");
        }
    }

    @Test
    void renderPngBytesDecodeAtACustomSize() throws IOException {
        EmotionSeries series = SyntheticEmotion.recording("Test_01", 5, 37);
        byte[] png = new EmotionPlot(640, 400).renderPng(series);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
    }

    @Test
    void valuesOutsideTheRangeAreClippedToThePanel() {
        float[][] p = new float[50][3];
        float[][] g = new float[50][3];
        for (int i = 0; i < 50; i++) {
            p[i] = new float[] {3f, -3f, 0.5f};
            g[i] = new float[] {0.1f * (i % 7), 0f, -0.5f};
        }
        EmotionPlot plot = new EmotionPlot();
        BufferedImage image = plot.render(new EmotionSeries("Train_02", p, g));
        int[] x = plot.plotBounds();
        int gapTop = plot.panelBounds(Dimension.AROUSAL)[1] + 2;
        int gapBottom = plot.panelBounds(Dimension.VALENCE)[0] - 24;
        for (int py = gapTop; py < gapBottom; py++) {
            for (int px = x[0] + 2; px < x[1] - 2; px++) {
                assertTrue(!isOrange(image.getRGB(px, py) & 0xffffff), "orange outside a panel at " + px + "," + py);
            }
        }
    }

    @Test
    void rejectsTinyImages() {
        assertThrows(IllegalArgumentException.class, () -> new EmotionPlot(100, 100));
    }

    @Test
    void tickStepsAreRound() {
        assertEquals(50, EmotionPlot.tickStep(300));
        assertEquals(20, EmotionPlot.tickStep(180));
        assertEquals(0.5, EmotionPlot.tickStep(3.7), 1e-12);
    }

    @Test
    void writesWhereAsked(@TempDir Path dir) throws IOException {
        Path f = new EmotionPlot().writePng(SyntheticEmotion.recording("Devel_01", 1, 100), dir.resolve("a.png"));
        assertTrue(Files.size(f) > 1000);
    }
}
