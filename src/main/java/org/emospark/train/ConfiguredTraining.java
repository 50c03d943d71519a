package org.emospark.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emospark.config.ConfigKey;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.model.Augmentation;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;

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
                c.getInt(ConfigKeys.W2V_VECTOR_SIZE), c.getInt(ConfigKeys.MODEL_WINDOW_FRAMES),
                c.getBoolean(ConfigKeys.MODEL_NORMALIZE_LEVEL), c.getBoolean(ConfigKeys.MODEL_PROSODY),
                c.getBoolean(ConfigKeys.MODEL_SPEAKING_RATE), c.getBoolean(ConfigKeys.MODEL_BIDIRECTIONAL),
                // The context is pooled from the descriptors: without them there is none to add.
                c.getBoolean(ConfigKeys.MODEL_PROSODY) && c.getBoolean(ConfigKeys.MODEL_PROSODY_CONTEXT),
                c.getDouble(ConfigKeys.MODEL_SMOOTH_SECONDS), c.getBoolean(ConfigKeys.MODEL_PRIOR_SMOOTHING),
                c.getBoolean(ConfigKeys.MODEL_TIMING_LEVEL));
    }

    public static TrainSettings settings(EmosparkConfig c) {
        return new TrainSettings(c.getInt(ConfigKeys.TRAIN_EPOCHS), c.getInt(ConfigKeys.TRAIN_PATIENCE),
                c.getInt(ConfigKeys.TRAIN_BATCH), c.getDouble(ConfigKeys.TRAIN_LEARNING_RATE),
                c.getDouble(ConfigKeys.TRAIN_BETA1), c.getDouble(ConfigKeys.TRAIN_BETA2),
                c.getDouble(ConfigKeys.TRAIN_LSTM_CLIP), Long.parseLong(c.get(ConfigKeys.TRAIN_SEED).trim()), false,
                c.getBoolean(ConfigKeys.TRAIN_SHIFT_WINDOWS), c.getDouble(ConfigKeys.TRAIN_MODALITY_DROPOUT),
                c.getBoolean(ConfigKeys.TRAIN_CARRY_STATE), c.getBoolean(ConfigKeys.TRAIN_EDGE_WINDOWS),
                c.getDouble(ConfigKeys.TRAIN_AVERAGE_EPOCHS), new Augmentation(c.getDouble(ConfigKeys.TRAIN_AUGMENT_VOICE),
                c.getDouble(ConfigKeys.TRAIN_AUGMENT_GAIN_DB), c.getDouble(ConfigKeys.TRAIN_AUGMENT_SNR_DB)),
                choice(c, ConfigKeys.TRAIN_SCHEDULE, TrainSettings.LearningRateSchedule.class),
                c.getBoolean(ConfigKeys.TRAIN_REFIT), c.getDouble(ConfigKeys.TRAIN_PATIENCE_TOLERANCE));
    }

    /** How the fusion stage starts the network after the CNN ({@code emospark.fusion.init}). */
    public static FusionStart.Init fusionInit(EmosparkConfig c) {
        return choice(c, ConfigKeys.FUSION_INIT, FusionStart.Init.class);
    }

    /**
     * The keys that give {@code config} and {@code settings} back through {@link #model} and {@link #settings}: a stored
     * model's network and training as configuration, for other keys to be layered over (the fusion stage starts
     * from its source model's).
     *
     * @throws IllegalArgumentException when they cannot be written as keys (a cell clip, forget bias or output count
     *                                  other than the fixed ones, labels shuffled)
     */
    public static Map<String, String> keysOf(ModelConfig config, TrainSettings settings) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put(ConfigKeys.SAMPLE_RATE.name(), Integer.toString(config.sampleRate()));
        k.put(ConfigKeys.FRAME_SECONDS.name(), Double.toString(config.frameSeconds()));
        k.put(ConfigKeys.MODEL_CNN_FILTERS.name(), joined(config.cnnFilters()));
        k.put(ConfigKeys.MODEL_CNN_KERNELS.name(), joined(config.cnnKernels()));
        k.put(ConfigKeys.MODEL_POOLS.name(), joined(config.pools()));
        k.put(ConfigKeys.MODEL_DROPOUT.name(), Double.toString(config.dropout()));
        k.put(ConfigKeys.MODEL_PROJECTION.name(), Integer.toString(config.projection()));
        k.put(ConfigKeys.MODEL_STREAM_SIZE.name(), Integer.toString(config.streamSize()));
        k.put(ConfigKeys.MODEL_LSTM_UNITS.name(), Integer.toString(config.lstmUnits()));
        k.put(ConfigKeys.MODEL_FUSION.name(), config.fusion().name().toLowerCase(Locale.ROOT));
        k.put(ConfigKeys.MODEL_STREAMS.name(), config.streams().name().toLowerCase(Locale.ROOT));
        k.put(ConfigKeys.MODEL_LOSS_WEIGHTS.name(), config.lossWeights().name().toLowerCase(Locale.ROOT));
        k.put(ConfigKeys.W2V_VECTOR_SIZE.name(), Integer.toString(config.semanticDims()));
        k.put(ConfigKeys.MODEL_WINDOW_FRAMES.name(), Integer.toString(config.windowFrames()));
        k.put(ConfigKeys.MODEL_NORMALIZE_LEVEL.name(), Boolean.toString(config.normalizeLevel()));
        k.put(ConfigKeys.MODEL_PROSODY.name(), Boolean.toString(config.prosody()));
        k.put(ConfigKeys.MODEL_PROSODY_CONTEXT.name(), Boolean.toString(config.prosodyContext()));
        k.put(ConfigKeys.MODEL_SPEAKING_RATE.name(), Boolean.toString(config.speakingRate()));
        k.put(ConfigKeys.MODEL_BIDIRECTIONAL.name(), Boolean.toString(config.bidirectional()));
        k.put(ConfigKeys.MODEL_SMOOTH_SECONDS.name(), Double.toString(config.smoothSeconds()));
        k.put(ConfigKeys.MODEL_PRIOR_SMOOTHING.name(), Boolean.toString(config.priorSmoothing()));
        k.put(ConfigKeys.MODEL_TIMING_LEVEL.name(), Boolean.toString(config.timingLevel()));
        k.put(ConfigKeys.TRAIN_EPOCHS.name(), Integer.toString(settings.epochs()));
        k.put(ConfigKeys.TRAIN_PATIENCE.name(), Integer.toString(settings.patience()));
        k.put(ConfigKeys.TRAIN_PATIENCE_TOLERANCE.name(), Double.toString(settings.patienceTolerance()));
        k.put(ConfigKeys.TRAIN_BATCH.name(), Integer.toString(settings.batchSize()));
        k.put(ConfigKeys.TRAIN_LEARNING_RATE.name(), Double.toString(settings.learningRate()));
        k.put(ConfigKeys.TRAIN_BETA1.name(), Double.toString(settings.beta1()));
        k.put(ConfigKeys.TRAIN_BETA2.name(), Double.toString(settings.beta2()));
        k.put(ConfigKeys.TRAIN_LSTM_CLIP.name(), Double.toString(settings.lstmClipNorm()));
        k.put(ConfigKeys.TRAIN_SEED.name(), Long.toString(settings.seed()));
        k.put(ConfigKeys.TRAIN_SHIFT_WINDOWS.name(), Boolean.toString(settings.shiftWindows()));
        k.put(ConfigKeys.TRAIN_MODALITY_DROPOUT.name(), Double.toString(settings.modalityDropout()));
        k.put(ConfigKeys.TRAIN_CARRY_STATE.name(), Boolean.toString(settings.carryState()));
        k.put(ConfigKeys.TRAIN_EDGE_WINDOWS.name(), Boolean.toString(settings.edgeWindows()));
        k.put(ConfigKeys.TRAIN_AVERAGE_EPOCHS.name(), Double.toString(settings.averageEpochs()));
        Augmentation augmentation = settings.augmentationOrNone();
        k.put(ConfigKeys.TRAIN_AUGMENT_VOICE.name(), Double.toString(augmentation.voice()));
        k.put(ConfigKeys.TRAIN_AUGMENT_GAIN_DB.name(), Double.toString(augmentation.gainDb()));
        k.put(ConfigKeys.TRAIN_AUGMENT_SNR_DB.name(), Double.toString(augmentation.snrDb()));
        k.put(ConfigKeys.TRAIN_SCHEDULE.name(), settings.scheduleOrFixed().name().toLowerCase(Locale.ROOT));
        k.put(ConfigKeys.TRAIN_REFIT.name(), Boolean.toString(settings.refit()));
        EmosparkConfig back = EmosparkConfig.ofOverrides(k);
        if (!model(back).equals(config) || !settings(back).equals(settings)) {
            throw new IllegalArgumentException("This network or its training cannot be written as configuration keys "
                    + "(cell clip, forget bias and outputs are fixed there, labels are never shuffled): " + config + ", "
                    + settings);
        }
        return k;
    }

    private static String joined(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
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
