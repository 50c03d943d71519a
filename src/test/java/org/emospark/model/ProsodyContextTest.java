package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProsodyContextTest {
    private static final int P = ProsodyFeatures.PER_FRAME;
    private static final int SUB = ProsodyFeatures.SUB_FRAMES;

    /** Descriptors of {@code frames} frames for two windows: random energies and pitch, voicing above or below. */
    private static float[] descriptors(int batch, int frames, long seed) {
        Random r = new Random(seed);
        float[] d = new float[batch * frames * P];
        for (int i = 0; i < batch * frames; i++) {
            for (int k = 0; k < P; k++) {
                d[i * P + k] = (float) r.nextGaussian();
            }
            d[i * P + SUB] = r.nextDouble() < 0.4 ? 0.9f : 0.2f;   // the subject half's voicing
        }
        return d;
    }

    @Test
    void meansOfTheVoicedSubjectHalvesWithinEachReach() {
        int batch = 2;
        int frames = 100;
        float[] d = descriptors(batch, frames, 7);
        // A stretch with no voiced subject half at all, longer than the shortest reach.
        for (int t = 30; t < 45; t++) {
            d[(frames + t) * P + SUB] = 0.1f;
        }
        float[] got;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = ProsodyContext.of(manager.create(d, new Shape(batch, frames, P)));
            assertEquals(new Shape(batch, frames, ProsodyContext.PER_FRAME), out.getShape());
            got = out.toFloatArray();
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                for (int r = 0; r < ProsodyContext.REACH_FRAMES.length; r++) {
                    int reach = ProsodyContext.REACH_FRAMES[r];
                    double energy = 0;
                    double pitch = 0;
                    int voiced = 0;
                    int from = Math.max(0, t - reach);
                    int to = Math.min(frames, t + reach + 1);
                    for (int u = from; u < to; u++) {
                        int at = (b * frames + u) * P;
                        if (d[at + SUB] >= ProsodyFeatures.VOICED) {
                            voiced++;
                            for (int q = 0; q < SUB; q++) {
                                energy += d[at + q] / SUB;
                            }
                            pitch += d[at + SUB + 1];
                        }
                    }
                    int at = (b * frames + t) * ProsodyContext.PER_FRAME + 3 * r;
                    String where = "window " + b + ", frame " + t + ", reach " + reach;
                    assertEquals(voiced == 0 ? 0 : energy / voiced, got[at], 1e-5, "energy, " + where);
                    assertEquals(voiced == 0 ? 0 : pitch / voiced, got[at + 1], 1e-5, "pitch, " + where);
                    assertEquals((double) voiced / (to - from), got[at + 2], 1e-6, "voiced share, " + where);
                }
            }
        }
        // Frame 37 of the second window: nothing voiced within half a second, so its shortest reach is empty.
        int quiet = (frames + 37) * ProsodyContext.PER_FRAME;
        assertEquals(0f, got[quiet + 2], 0f);
        assertTrue(got[quiet + 3 * 3 + 2] > 0, "4 s reach hears the speech around the quiet stretch");
    }

    @Test
    void theInterlocutorHalfDoesNotCount() {
        int frames = 50;
        float[] d = descriptors(1, frames, 11);
        float[] changed = d.clone();
        for (int t = 0; t < frames; t++) {
            for (int k = ProsodyFeatures.PER_HALF; k < P; k++) {
                changed[t * P + k] = 5f;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = ProsodyContext.of(manager.create(d, new Shape(1, frames, P)));
            NDArray b = ProsodyContext.of(manager.create(changed, new Shape(1, frames, P)));
            assertEquals(0f, a.sub(b).abs().max().getFloat(), 0f);
        }
    }

    @Test
    void theCnnAppendsTheContextAfterTheDescriptors() {
        ModelConfig config = new ModelConfig(1000, 0.1, List.of(2), List.of(4), List.of(10), 0.0, 8, 4, 2, 100, 1, 3,
                ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 3, 4)
                .toBuilder().prosody(true).prosodyContext(true).build();
        assertEquals(config.cnnFeatures() + ProsodyFeatures.PER_FRAME + ProsodyContext.PER_FRAME,
                config.paralinguisticFeatures());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] inOut = ProsodyFeaturesTest.cnnInputAndOutput(config, manager, 4);
            int contextAt = config.cnnFeatures() + ProsodyFeatures.PER_FRAME;
            NDArray expected = ProsodyContext.of(ProsodyFeatures.of(inOut[0], 4, config));
            assertEquals(0f, inOut[1].get(":, :, " + contextAt + ":").sub(expected).abs().max().getFloat(), 0f);
        }
    }

    @Test
    void theContextNeedsTheDescriptors() {
        ModelConfig plain = ModelConfig.faithful();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plain.toBuilder().prosodyContext(true).build());
        assertTrue(e.getMessage().contains("needs prosody"), e.getMessage());
    }
}
