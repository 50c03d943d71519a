package org.emospark.model.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.emospark.metrics.DimensionScores;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.emospark.model.predict.LabelPrior;
import org.emospark.model.predict.TimingLevel;

/**
 * What a stored model is: enough to rebuild the network ({@code config}), to know how it was trained
 * ({@code settings}) and from which data (the embedding set and the version of every lake table read), and
 * why this checkpoint was kept (the per-epoch history and the best epoch's Devel scores). Written as
 * {@code manifest.json} beside the parameters; the {@code models} table holds the same facts for SQL.
 *
 * @param fusion for a model of the fusion stage, where it came from; {@code null} for end-to-end training (and left
 *               out of the JSON then, so manifests of end-to-end models read as before)
 * @param labelPrior how the Train labels move in time, fitted when the model was trained, for
 *                   {@link ModelConfig#priorSmoothing()}; {@code null} for models trained before it (left out of the
 *                   JSON then)
 * @param refit with {@code emospark.train.refit}, the second training that made the stored network (on Train and Devel
 *              together, for the epochs the first run chose); {@code epochs}, {@code bestEpoch} and {@code devel} are
 *              the first run's, which chose. {@code null} otherwise (and left out of the JSON then)
 * @param timingLevel the level a recording's subject timing says, fitted on the Train utterances with its weights
 *                    chosen on Devel, for {@link ModelConfig#timingLevel()}; {@code null} for models trained before it
 *                    or without it, or whose Train split held too few timed utterances (left out of the JSON then)
 */
public record ModelManifest(String modelId, String name, String createdAt, ModelConfig config, TrainSettings settings,
                            String embeddingSet, Map<String, Long> inputVersions, List<String> trainRecordings,
                            List<String> develRecordings, double trainAudioSeconds, long parameterCount,
                            List<EpochReport> epochs, int bestEpoch, DimensionScores devel, double trainWallSeconds,
                            double audioSecondsPerSecond, double dataWaitFraction,
                            @JsonInclude(JsonInclude.Include.NON_NULL) FusionOrigin fusion,
                            @JsonInclude(JsonInclude.Include.NON_NULL) LabelPrior labelPrior,
                            @JsonInclude(JsonInclude.Include.NON_NULL) RefitReport refit,
                            @JsonInclude(JsonInclude.Include.NON_NULL) TimingLevel timingLevel) implements Serializable {
    public ModelManifest {
        inputVersions = Map.copyOf(inputVersions);
        trainRecordings = List.copyOf(trainRecordings);
        develRecordings = List.copyOf(develRecordings);
        epochs = List.copyOf(epochs);
    }

    /** The manifest of an end-to-end model. */
    public ModelManifest(String modelId, String name, String createdAt, ModelConfig config, TrainSettings settings,
                         String embeddingSet, Map<String, Long> inputVersions, List<String> trainRecordings,
                         List<String> develRecordings, double trainAudioSeconds, long parameterCount,
                         List<EpochReport> epochs, int bestEpoch, DimensionScores devel, double trainWallSeconds,
                         double audioSecondsPerSecond, double dataWaitFraction) {
        this(modelId, name, createdAt, config, settings, embeddingSet, inputVersions, trainRecordings, develRecordings,
                trainAudioSeconds, parameterCount, epochs, bestEpoch, devel, trainWallSeconds, audioSecondsPerSecond,
                dataWaitFraction, null, null, null, null);
    }

    /** The manifest of a model whose stored network is the chosen epoch's. */
    public ModelManifest(String modelId, String name, String createdAt, ModelConfig config, TrainSettings settings,
                         String embeddingSet, Map<String, Long> inputVersions, List<String> trainRecordings,
                         List<String> develRecordings, double trainAudioSeconds, long parameterCount,
                         List<EpochReport> epochs, int bestEpoch, DimensionScores devel, double trainWallSeconds,
                         double audioSecondsPerSecond, double dataWaitFraction, FusionOrigin fusion, LabelPrior labelPrior) {
        this(modelId, name, createdAt, config, settings, embeddingSet, inputVersions, trainRecordings, develRecordings,
                trainAudioSeconds, parameterCount, epochs, bestEpoch, devel, trainWallSeconds, audioSecondsPerSecond,
                dataWaitFraction, fusion, labelPrior, null, null);
    }

    /** The manifest of a model without a timing level. */
    public ModelManifest(String modelId, String name, String createdAt, ModelConfig config, TrainSettings settings,
                         String embeddingSet, Map<String, Long> inputVersions, List<String> trainRecordings,
                         List<String> develRecordings, double trainAudioSeconds, long parameterCount,
                         List<EpochReport> epochs, int bestEpoch, DimensionScores devel, double trainWallSeconds,
                         double audioSecondsPerSecond, double dataWaitFraction, FusionOrigin fusion, LabelPrior labelPrior,
                         RefitReport refit) {
        this(modelId, name, createdAt, config, settings, embeddingSet, inputVersions, trainRecordings, develRecordings,
                trainAudioSeconds, parameterCount, epochs, bestEpoch, devel, trainWallSeconds, audioSecondsPerSecond,
                dataWaitFraction, fusion, labelPrior, refit, null);
    }

    /** Whether the stored network was also trained on {@code recordingId} (a Devel recording, with a refit). */
    public boolean trainedOn(String recordingId) {
        return trainRecordings.contains(recordingId) || refit != null && refit.recordings().contains(recordingId);
    }

    /** The training stage that made the model, as the {@code models} table spells it. */
    @JsonIgnore
    public String stage() {
        return fusion == null ? "end_to_end" : "fusion";
    }
}
