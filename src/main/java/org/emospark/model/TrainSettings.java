package org.emospark.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import org.emospark.frames.Windows;

/**
 * How a network is trained (shared/paper.md, "Training and evaluation"). The authors' code: Adam lr 5e-4,
 * beta2 0.99, batch 5 windows of 100 frames; the paper: lr 1e-4, batch 25, windows of 300 frames, gradient
 * norm clipped to 5 on the LSTM.
 *
 * @param epochs the most epochs to run
 * @param patience stop after this many epochs without a better mean development CCC
 * @param batchSize windows per step
 * @param learningRate Adam's step size
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param lstmClipNorm the LSTM's gradients are scaled down to at most this global L2 norm; 0 turns it off
 * @param seed seeds initialisation, dropout and the window order: CPU runs repeat bit for bit with one PyTorch
 *             thread, and to within float rounding with several
 * @param shuffledLabels the control experiment: every training recording gets another recording's labels
 * @param shiftWindows move each recording's window grid by a seeded random offset every epoch (the windows
 *                     stay consecutive and non-overlapping); off: the grid starts at frame 0 as in the authors' code
 * @param modalityDropout the share of training windows whose word vectors are zeroed, drawn anew each epoch
 *                        ({@code train.ModalityDropout}), so the network also learns to score audio without a transcript;
 *                        0: never (the authors' code)
 * @param carryState truncated back-propagation through time: each batch row runs one recording's windows in order and
 *                   the LSTM starts every window from the state the previous one ended in (no gradient flows back
 *                   across it); such a model is scored the same way ({@code WindowMode.STREAMING}). Off: every
 *                   window starts from a zero state (the authors' code)
 * @param edgeWindows every frame is trained on: each recording's frames after its last full window (and, with a
 *                    shifted grid, before its first) get a full window of their own, overlapping its neighbour; off:
 *                    they are left out, as in the authors' code. Not with {@code carryState}, whose windows follow
 *                    each other
 * @param averageEpochs the model kept is an exponential moving average of the weights over about this many epochs
 *                      of steps (the optimiser trains the weights themselves), scored on Devel each epoch in their
 *                      place; 0: the weights as trained (the authors' code)
 * @param augmentation how training windows' audio is perturbed; null or {@link Augmentation#NONE}: as recorded (the
 *                     authors' code), stored as null
 * @param schedule how the step size moves over the epochs; null or {@link LearningRateSchedule#FIXED}: fixed (the
 *                 authors' code), stored as null
 * @param refit once Devel has chosen the epoch, the network is trained again from the same seed on Train and Devel
 *              together for that many epochs, and that network is kept (its Devel scores are then the first run's,
 *              the one that chose); off: the chosen epoch's network, trained on Train alone (the authors' code)
 * @param patienceTolerance an epoch whose mean development CCC comes within this of the best so far also restarts the
 *                          patience count (the best epoch still moves only on a strict improvement), so training does
 *                          not stop on a plateau whose near-ties float rounding breaks one way on one CPU and the other
 *                          way on another; 0: only a better epoch restarts it (the authors' code)
 */
public record TrainSettings(int epochs, int patience, int batchSize, double learningRate, double beta1, double beta2,
                            double lstmClipNorm, long seed, boolean shuffledLabels, boolean shiftWindows,
                            // Left out of the JSON when 0, so models trained before it existed keep their ids.
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) double modalityDropout,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean carryState,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean edgeWindows,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) double averageEpochs,
                            // Null when off, so models trained before it existed keep their ids.
                            @JsonInclude(JsonInclude.Include.NON_NULL) Augmentation augmentation,
                            // Null when fixed, so models trained before schedules existed keep their ids.
                            @JsonInclude(JsonInclude.Include.NON_NULL) LearningRateSchedule schedule,
                            // Left out of the JSON when off, so models trained before it existed keep their ids.
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean refit,
                            // Left out of the JSON when 0, so models trained before it existed keep their ids.
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) double patienceTolerance)
        implements Serializable {
    /** How Adam's step size moves over the epochs. */
    public enum LearningRateSchedule {
        /** {@code learningRate} throughout (the authors' code). */
        FIXED,
        /**
         * From {@code learningRate} down to {@link #COSINE_FLOOR} of it along half a cosine over all {@code epochs}'
         * steps, so the last epochs take small steps around what the first ones found.
         */
        COSINE;

        public static final double COSINE_FLOOR = 0.05;
    }

    /** Settings with the window grid fixed at frame 0 and no modality dropout. */
    public TrainSettings(int epochs, int patience, int batchSize, double learningRate, double beta1, double beta2,
                         double lstmClipNorm, long seed, boolean shuffledLabels) {
        this(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels, false, 0.0, false,
                false);
    }

    /** Settings that keep the weights as trained, without averaging them. */
    public TrainSettings(int epochs, int patience, int batchSize, double learningRate, double beta1, double beta2,
                         double lstmClipNorm, long seed, boolean shuffledLabels, boolean shiftWindows,
                         double modalityDropout, boolean carryState, boolean edgeWindows) {
        this(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels, shiftWindows,
                modalityDropout, carryState, edgeWindows, 0.0, null, null);
    }

    /**
     * Settings whose kept network is the chosen epoch's, trained on Train alone, and whose patience only a better epoch
     * restarts.
     */
    public TrainSettings(int epochs, int patience, int batchSize, double learningRate, double beta1, double beta2,
                         double lstmClipNorm, long seed, boolean shuffledLabels, boolean shiftWindows,
                         double modalityDropout, boolean carryState, boolean edgeWindows, double averageEpochs,
                         Augmentation augmentation, LearningRateSchedule schedule) {
        this(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels, shiftWindows,
                modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, false, 0.0);
    }

    public TrainSettings {
        if (augmentation != null && !augmentation.active()) {
            augmentation = null;
        }
        if (schedule == LearningRateSchedule.FIXED) {
            schedule = null;
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("Epochs must be at least 1, cannot be: " + epochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("Patience must be at least 1 epoch, cannot be: " + patience);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, cannot be: " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be positive, cannot be: " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), cannot be: " + beta1 + ", " + beta2);
        }
        if (!(lstmClipNorm >= 0) || !Double.isFinite(lstmClipNorm)) {
            throw new IllegalArgumentException("LSTM clip norm must be 0 (off) or positive, cannot be: " + lstmClipNorm);
        }
        if (!(modalityDropout >= 0 && modalityDropout < 1)) {
            throw new IllegalArgumentException("Modality dropout must lie in [0, 1), cannot be: " + modalityDropout);
        }
        if (!(averageEpochs >= 0) || !Double.isFinite(averageEpochs)) {
            throw new IllegalArgumentException("Weight averaging must span 0 (off) or a positive number of epochs, cannot "
                    + "be: " + averageEpochs);
        }
        if (!(patienceTolerance >= 0 && patienceTolerance < 1)) {
            throw new IllegalArgumentException("Patience tolerance must lie in [0, 1) of a CCC, cannot be: "
                    + patienceTolerance);
        }
        if (carryState && edgeWindows) {
            throw new IllegalArgumentException("emospark.train.carryState=true needs emospark.train.edgeWindows=false: a "
                    + "window that overlaps the one before cannot start from the state that one ended in");
        }
    }

    public TrainSettings withShuffledLabels(boolean value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, value,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withShiftWindows(boolean value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                value, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withCarryState(boolean value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, value, edgeWindows, averageEpochs, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withEdgeWindows(boolean value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, value, averageEpochs, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withAverageEpochs(double value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, value, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withAugmentation(Augmentation value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, value, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withSchedule(LearningRateSchedule value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, value, refit,
                patienceTolerance);
    }

    /** The schedule in force, {@link LearningRateSchedule#FIXED} when none is stored. */
    public LearningRateSchedule scheduleOrFixed() {
        return schedule == null ? LearningRateSchedule.FIXED : schedule;
    }

    /** The augmentation in force, {@link Augmentation#NONE} when off. */
    public Augmentation augmentationOrNone() {
        return augmentation == null ? Augmentation.NONE : augmentation;
    }

    /** How each recording's frames beyond its window grid are treated in training. */
    public Windows.LastWindow lastWindow() {
        return edgeWindows ? Windows.LastWindow.OVERLAP : Windows.LastWindow.DROP;
    }

    public TrainSettings withEpochs(int value) {
        return new TrainSettings(value, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, refit,
                patienceTolerance);
    }

    public TrainSettings withPatienceTolerance(double value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, refit, value);
    }

    public TrainSettings withRefit(boolean value) {
        return new TrainSettings(epochs, patience, batchSize, learningRate, beta1, beta2, lstmClipNorm, seed, shuffledLabels,
                shiftWindows, modalityDropout, carryState, edgeWindows, averageEpochs, augmentation, schedule, value,
                patienceTolerance);
    }
}
