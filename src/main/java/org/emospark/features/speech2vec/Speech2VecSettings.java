package org.emospark.features.speech2vec;

import java.util.Locale;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;

/** Speech2Vec's training parameters, checked at the door. */
public record Speech2VecSettings(int vectorSize, int window, int epochs, int batchSize, double learningRate,
                                 int minCount, double maxWordSeconds, long seed) {
    public Speech2VecSettings {
        if (vectorSize < 1 || vectorSize > 4096) {
            throw new IllegalArgumentException("Speech2Vec vector size must be between 1 and 4096, cannot be: "
                    + vectorSize);
        }
        if (window < 1) {
            throw new IllegalArgumentException("Speech2Vec window must be at least 1, cannot be: " + window);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("Speech2Vec epochs must be at least 1, cannot be: " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Speech2Vec batch size must be at least 1, cannot be: " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Speech2Vec learning rate must be above 0, cannot be: " + learningRate);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("Speech2Vec min count must be at least 1, cannot be: " + minCount);
        }
        if (!(maxWordSeconds >= Mfcc.WINDOW_SECONDS) || !Double.isFinite(maxWordSeconds)) {
            throw new IllegalArgumentException("Speech2Vec max word seconds must be at least one window ("
                    + Mfcc.WINDOW_SECONDS + " s), cannot be: " + maxWordSeconds);
        }
    }

    public static Speech2VecSettings from(EmosparkConfig c) {
        return new Speech2VecSettings(c.getInt(ConfigKeys.S2V_VECTOR_SIZE), c.getInt(ConfigKeys.S2V_WINDOW),
                c.getInt(ConfigKeys.S2V_EPOCHS), c.getInt(ConfigKeys.S2V_BATCH), c.getDouble(ConfigKeys.S2V_LEARNING_RATE),
                c.getInt(ConfigKeys.S2V_MIN_COUNT), c.getDouble(ConfigKeys.S2V_MAX_WORD_SECONDS),
                Long.parseLong(c.get(ConfigKeys.S2V_SEED).trim()));
    }

    /** MFCC frames read of a word at most. */
    public int maxFrames() {
        return 1 + (int) Math.floor((maxWordSeconds - Mfcc.WINDOW_SECONDS) / Mfcc.HOP_SECONDS + 1e-9);
    }

    /** The configuration as stored with the embedding set, in a stable order. */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"algorithm\":\"speech2vec-skipgram (LSTM encoder-decoder over %d MFCCs, DJL)\",\"vectorSize\":%d,"
                        + "\"window\":%d,\"epochs\":%d,\"batchSize\":%d,\"learningRate\":%s,\"minCount\":%d,"
                        + "\"maxWordSeconds\":%s,\"seed\":%d}",
                Mfcc.COEFFICIENTS, vectorSize, window, epochs, batchSize, learningRate, minCount, maxWordSeconds, seed);
    }
}
