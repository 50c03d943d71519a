package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProsodyFeaturesTest {
    private static final ModelConfig CONFIG = ModelConfig.faithful().toBuilder().dropout(0).prosody(true).build();
    private static final int HALF = CONFIG.frameSamples();
    private static final int RATE = CONFIG.sampleRate();

    /** A harmonic tone (f0 and three overtones, as voiced speech has) of the given RMS level in dBFS. */
    private static void tone(float[] dst, int offset, double f0, double dbfs, int start) {
        double[] harmonics = {1.0, 0.6, 0.4, 0.25};
        double power = 0;
        for (double h : harmonics) {
            power += h * h / 2;
        }
        double scale = Math.pow(10, dbfs / 20) / Math.sqrt(power);
        for (int i = 0; i < HALF; i++) {
            double t = (double) (start + i) / RATE;
            double v = 0;
            for (int k = 0; k < harmonics.length; k++) {
                v += harmonics[k] * Math.sin(2 * Math.PI * f0 * (k + 1) * t);
            }
            dst[offset + i] = (float) (scale * v);
        }
    }

    @Test
    void pitchVoicingAndLevelOfTonesInEitherHalfAndSilenceInTheOther() {
        // Frame 0: the subject half holds a 120 Hz tone at -20 dBFS; frame 1: the interlocutor half a 240 Hz tone at -40 dBFS.
        int frames = 2;
        float[] audio = new float[frames * CONFIG.frameInput()];
        tone(audio, 0, 120, -20, 0);
        tone(audio, CONFIG.frameInput() + HALF, 240, -40, HALF);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] f = ProsodyFeatures.of(manager.create(audio, new Shape(1, audio.length)), frames, CONFIG)
                    .toFloatArray();
            assertEquals(frames * ProsodyFeatures.PER_FRAME, f.length);
            int p = ProsodyFeatures.PER_HALF;
            int subject0 = 0;
            int interlocutor0 = p;
            int subject1 = 2 * p;
            int interlocutor1 = 3 * p;
            for (int q = 0; q < ProsodyFeatures.SUB_FRAMES; q++) {
                assertEquals(1.0, f[subject0 + q], 0.02, "-20 dBFS is 1");
                assertEquals(0.0, f[interlocutor1 + q], 0.02, "-40 dBFS is 0");
                assertEquals(-3.0, f[interlocutor0 + q], 1e-3, "digital silence");
                assertEquals(-3.0, f[subject1 + q], 1e-3, "digital silence");
            }
            int voicing = ProsodyFeatures.SUB_FRAMES;
            int pitch = voicing + 1;
            assertTrue(f[subject0 + voicing] > 0.8, "a tone is voiced: " + f[subject0 + voicing]);
            assertTrue(f[interlocutor1 + voicing] > 0.8, "quiet but voiced: " + f[interlocutor1 + voicing]);
            // The lag is an integer number of samples: 22050 / 120 = 183.75 lies between lags 183 and 184.
            assertEquals(Math.log(120 / 150.0) / Math.log(2), f[subject0 + pitch], 0.01);
            assertEquals(Math.log(240 / 150.0) / Math.log(2), f[interlocutor1 + pitch], 0.01);
            assertEquals(0f, f[subject1 + voicing], 1e-6f, "silence has no voicing");
            assertEquals(0f, f[subject1 + pitch], 0f, "nor a pitch");
        }
    }

    @Test
    void noiseIsUnvoicedAndGetsNoPitch() {
        float[] audio = new float[CONFIG.frameInput()];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.1 * random.nextGaussian());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] f = ProsodyFeatures.of(manager.create(audio, new Shape(1, audio.length)), 1, CONFIG).toFloatArray();
            for (int half = 0; half < 2; half++) {
                int at = half * ProsodyFeatures.PER_HALF + ProsodyFeatures.SUB_FRAMES;
                assertTrue(f[at] < ProsodyFeatures.VOICED, "white noise voicing " + f[at]);
                assertEquals(0f, f[at + 1], 0f);
            }
        }
    }

    @Test
    void theCnnAppendsTheDescriptorsAfterItsOwnFeatures() {
        ModelConfig config = new ModelConfig(1000, 0.1, List.of(2), List.of(4), List.of(10), 0.0, 8, 4, 2, 100, 1, 3,
                ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 3, 4)
                .toBuilder().prosody(true).build();
        assertEquals(config.cnnFeatures() + ProsodyFeatures.PER_FRAME, config.paralinguisticFeatures());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] inOut = cnnInputAndOutput(config, manager, 4);
            NDArray tail = inOut[1].get(":, :, " + config.cnnFeatures() + ":" + config.paralinguisticFeatures());
            NDArray expected = ProsodyFeatures.of(inOut[0], 4, config);
            assertEquals(0f, tail.sub(expected).abs().max().getFloat(), 0f);
        }
    }

    /**
     * Two windows of {@code frames} frames of a sine whose level steps every 1500 samples, and what the CNN of
     * {@code config} makes of them (its output shape checked).
     */
    static NDArray[] cnnInputAndOutput(ModelConfig config, NDManager manager, int frames) {
        float[] audio = new float[2 * frames * config.frameInput()];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) Math.sin(0.3 * i) * (i % 3000 < 1500 ? 1f : 0.01f);
        }
        ParalinguisticCnn cnn = new ParalinguisticCnn(config);
        Shape in = new Shape(2, frames * config.frameInput());
        cnn.initialize(manager, DataType.FLOAT32, in);
        NDArray x = manager.create(audio, in);
        NDArray out = cnn.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
        assertEquals(new Shape(2, frames, config.paralinguisticFeatures()), out.getShape());
        assertEquals(cnn.getOutputShapes(new Shape[] {in})[0], out.getShape());
        return new NDArray[] {x, out};
    }
}
