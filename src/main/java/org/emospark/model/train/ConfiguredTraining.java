package org.emospark.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emospark.config.ConfigKey;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.model.ModelConfig;

/** The network's shape and its training settings as the {@code emospark.model.*} and {@code emospark.train.*} keys say. */
public final class ConfiguredTraining {
    private ConfiguredTraining() {
    }

    public static ModelConfig model(EmosparkConfig c) {
        return new ModelConfig(c.getInt(ConfigKeys.SAMPLE_RATE), c.getDouble(ConfigKeys.FRAME_SECONDS),
                ints(c, ConfigKeys.MODEL_CNN_FILTERS), ints(c, ConfigKeys.MODEL_CNN_KERNELS), ints(c, ConfigKeys.MODEL_POOLS),
                c.getDouble(ConfigKeys.MODEL_DROPOUT), c.getInt(ConfigKeys.MODEL_PROJECTION),
                c.getInt(ConfigKeys.MODEL_STREAM_SIZE), c.getInt(ConfigKeys.MODEL_LSTM_UNITS), 100.0, 1.0, 3,
                choice(c, ConfigKeys.MODEL_FUSION, ModelConfig.Fusion.class),
                choice(c, ConfigKeys.MODEL_STREAMS, ModelConfig.Streams.class),
                choice(c, ConfigKeys.MODEL_LOSS_WEIGHTS, ModelConfig.LossWeights.class),
                c.getInt(ConfigKeys.W2V_VECTOR_SIZE), c.getInt(ConfigKeys.MODEL_WINDOW_FRAMES));
    }

    public static TrainSettings settings(EmosparkConfig c) {
        return new TrainSettings(c.getInt(ConfigKeys.TRAIN_EPOCHS), c.getInt(ConfigKeys.TRAIN_PATIENCE),
                c.getInt(ConfigKeys.TRAIN_BATCH), c.getDouble(ConfigKeys.TRAIN_LEARNING_RATE),
                c.getDouble(ConfigKeys.TRAIN_BETA1), c.getDouble(ConfigKeys.TRAIN_BETA2),
                c.getDouble(ConfigKeys.TRAIN_LSTM_CLIP), Long.parseLong(c.get(ConfigKeys.TRAIN_SEED).trim()), false,
                bool(c, ConfigKeys.TRAIN_SHIFT_WINDOWS), c.getDouble(ConfigKeys.TRAIN_MODALITY_DROPOUT));
    }

    private static boolean bool(EmosparkConfig c, ConfigKey key) {
        String raw = c.get(key).trim();
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException(key.name() + " must be true or false, cannot be: " + raw);
    }

    private static List<Integer> ints(EmosparkConfig c, ConfigKey key) {
        List<Integer> out = new ArrayList<>();
        for (String part : c.get(key).split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key.name() + " must be a comma-separated list of whole numbers, cannot be: "
                        + c.get(key));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(EmosparkConfig c, ConfigKey key, Class<E> type) {
        String raw = c.get(key).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(key.name() + " must be one of " + String.join(", ", names) + ", cannot be: " + raw);
    }
}
