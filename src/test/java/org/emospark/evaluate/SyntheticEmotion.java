package org.emospark.evaluate;

import java.util.SplittableRandom;
import org.emospark.metrics.EmotionSeries;

/** Emotion-like test series: slow smooth gold traces in [-1, 1] and a lagged, noisy, shrunk prediction. */
final class SyntheticEmotion {
    private SyntheticEmotion() {
    }

    static EmotionSeries recording(String id, long seed, int frames) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] gold = new float[frames][3];
        float[][] predicted = new float[frames][3];
        for (int d = 0; d < 3; d++) {
            double level = r.nextDouble(-0.3, 0.3);
            double f1 = r.nextDouble(0.005, 0.02);
            double f2 = r.nextDouble(0.02, 0.06);
            double p1 = r.nextDouble(0, 6.28);
            double p2 = r.nextDouble(0, 6.28);
            double amp = 0.25 + 0.1 * d;
            double smooth = 0;
            for (int i = 0; i < frames; i++) {
                double t = i / 10.0;
                double g = level + amp * Math.sin(2 * Math.PI * f1 * t + p1) + 0.15 * Math.sin(2 * Math.PI * f2 * t + p2);
                gold[i][d] = (float) Math.max(-1, Math.min(1, g));
            }
            for (int i = 0; i < frames; i++) {
                int lagged = Math.max(0, i - 15);
                smooth = 0.9 * smooth + 0.1 * (0.7 * gold[lagged][d] + 0.08 * d);
                double noise = 0.06 * r.nextDouble(-1, 1);
                predicted[i][d] = (float) Math.max(-1, Math.min(1, smooth + noise));
            }
        }
        return new EmotionSeries(id, predicted, gold);
    }
}
