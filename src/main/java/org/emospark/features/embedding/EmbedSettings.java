package org.emospark.features.embedding;

import java.util.Locale;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;

/** word2vec training parameters, checked at the door. */
public record EmbedSettings(int vectorSize, int window, int minCount, int iterations, long seed, int partitions) {
    public EmbedSettings {
        if (vectorSize < 1 || vectorSize > 4096) {
            throw new IllegalArgumentException("Vector size must be between 1 and 4096, cannot be: " + vectorSize);
        }
        if (window < 1) {
            throw new IllegalArgumentException("word2vec window must be at least 1, cannot be: " + window);
        }
        if (minCount < 0) {
            throw new IllegalArgumentException("word2vec min count must be at least 0, cannot be: " + minCount);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("word2vec iterations must be at least 1, cannot be: " + iterations);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("word2vec partitions must be at least 1, cannot be: " + partitions);
        }
    }

    public static EmbedSettings from(EmosparkConfig c) {
        return new EmbedSettings(c.getInt(ConfigKeys.W2V_VECTOR_SIZE), c.getInt(ConfigKeys.W2V_WINDOW),
                c.getInt(ConfigKeys.W2V_MIN_COUNT), c.getInt(ConfigKeys.W2V_ITERATIONS),
                Long.parseLong(c.get(ConfigKeys.W2V_SEED).trim()), c.getInt(ConfigKeys.W2V_PARTITIONS));
    }

    /** The configuration as stored with the embedding set, in a stable order. */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"algorithm\":\"word2vec-skipgram (Spark MLlib)\",\"vectorSize\":%d,\"window\":%d,"
                        + "\"minCount\":%d,\"iterations\":%d,\"seed\":%d,\"partitions\":%d}",
                vectorSize, window, minCount, iterations, seed, partitions);
    }
}
