package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paralinguistic extractor: a 1-D CNN over the raw samples of a whole window, as the authors run it.
 *
 * <p>Input {@code [B, T * frameInput]}: the window's T frames concatenated (each frame 2 x frameSamples, the
 * subject half then the interlocutor half). Per layer i (children {@code conv1..conv3}): {@link
 * SamePaddedConv1d} (TensorFlow 'same', stride 1), ReLU, max-pool size = stride = {@code pools[i]} (no
 * padding: the lengths divide exactly, see {@link ModelConfig}), dropout (training only). The ReLU runs after
 * the pool, which gives the same values (ReLU is monotone) and saves a pass over the largest activation. Faithful: 50/k8/pool
 * 10, 125/k6/pool 5, 250/k6/pool 5.
 *
 * <p>Output {@code [B, T, F]}, {@code F = frameInput * C / P} (4410 faithful), cut time-major from the last
 * layer's {@code [B, C, L']} ({@code L' = T * frameInput / P}) exactly as the authors' TensorFlow code
 * reshapes its channels-last {@code [B, L', C]} tensor to {@code [B, T, -1]}; see {@link #toFrames}.
 *
 * <p>With {@link ModelConfig#prosody()} each frame's {@link ProsodyFeatures} follow its F CNN features, and with
 * {@link ModelConfig#prosodyContext()} its {@link ProsodyContext} follows them.
 *
 * <p>Cost: the first layer's activations are {@code B * 50 * T * frameInput} floats before pooling (441 MB
 * for B = 5, T = 100 faithful) with 4 % of the FLOPs; it is computed in cache-sized spans ({@link #SPAN_BYTES}),
 * each pooled before the next is computed. At inference only the positions that read a turn half with sound are
 * computed, from crops of the input ({@link SilenceSkipPlan}, about three quarters of the positions for the paper's
 * frames); the others take the network's output on silence.
 */
public final class ParalinguisticCnn extends AbstractBlock {

    /**
     * The most bytes of the first layer's convolution output computed at once before its pool
     * ({@link SamePaddedConv1d#forwardPooled}): small enough for the CPU's last-level cache (32 MiB here) to keep it
     * until it is pooled. Measured on the paper's first layer (docs/benchmarks.md): spans of 4410 samples x 64
     * channels x 5 windows (5.6 MB) ran it about twice as fast as the whole signal at once; spans a quarter or half as
     * long, or twice as long, were slower.
     */
    public static final long SPAN_BYTES = 6L << 20;

    private final ModelConfig config;
    private final List<SamePaddedConv1d> convs = new ArrayList<>();
    private final ReceptiveField field;
    private long spanBytes = SPAN_BYTES;
    private boolean skipSilence = true;

    public ParalinguisticCnn(ModelConfig config) {
        this.config = config;
        for (int i = 0; i < config.cnnFilters().size(); i++) {
            convs.add(addChildBlock("conv" + (i + 1),
                    new SamePaddedConv1d(config.cnnFilters().get(i), config.cnnKernels().get(i))));
        }
        this.field = ReceptiveField.of(config.cnnKernels(), config.pools());
    }

    /**
     * Whether inference computes only the positions that read sound ({@link SilenceSkipPlan}; on by default) or every
     * position (the reference benchmarks and tests compare with). The values do not depend on it beyond float
     * rounding; training always computes every position.
     */
    public ParalinguisticCnn skipSilence(boolean on) {
        this.skipSilence = on;
        return this;
    }

    /**
     * Sets the most first-layer convolution output computed at once before its pool ({@link #SPAN_BYTES} by default;
     * {@code Long.MAX_VALUE}: the whole signal at once, the reference benchmarks compare with). The values do not
     * depend on it.
     */
    public ParalinguisticCnn spanBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("Span bytes must be positive, cannot be: " + bytes);
        }
        this.spanBytes = bytes;
        return this;
    }

    /**
     * Cuts the CNN output {@code conv [B, C, L']} (DJL's channels-first layout) into {@code frames} frames,
     * time-major, as TensorFlow's {@code reshape(x, [B, T, -1])} on the channels-last {@code [B, L', C]}:
     * transpose to {@code [B, L', C]}, then reshape to {@code [B, T, L' * C / T]}.
     *
     * <p>Element placement: with {@code F = L' * C / T} and the row-major position {@code p = l * C + c} of
     * {@code conv[b, c, l]}, it lands at {@code out[b, p / F, p % F]}. Equivalently {@code out[b, t, j] =
     * conv[b, (t*F + j) % C, (t*F + j) / C]}: consecutive values of a frame run over the channels of one
     * position, then the next position. F need not be a multiple of C, so a frame may start mid-position
     * (faithful: 17.64 positions of 250 channels per frame).
     */
    public static NDArray toFrames(NDArray conv, long frames) {
        Shape s = conv.getShape();
        long total = s.get(1) * s.get(2);
        if (frames < 1 || total % frames != 0) {
            throw new IllegalArgumentException("Cannot cut " + s.get(2) + " positions x " + s.get(1)
                    + " channels into " + frames + " equal frames");
        }
        return conv.transpose(0, 2, 1).reshape(s.get(0), frames, total / frames);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray audio = inputs.singletonOrThrow();
        long frames = framesOf(audio.getShape());
        // Training computes everything: its dropout makes no two silent positions alike.
        NDArray features = training || !skipSilence ? null : withoutSilence(ps, audio, frames).orElse(null);
        if (features == null) {
            features = toFrames(layers(ps, audio.expandDims(1), training), frames);
        }
        if (config.prosody()) {
            NDArray prosody = ProsodyFeatures.of(audio, frames, config);
            features = features.concat(prosody, 2);
            if (config.prosodyContext()) {
                features = features.concat(ProsodyContext.of(prosody), 2);
            }
        }
        return new NDList(features);
    }

    /** The convolutions, pools, ReLUs and dropouts: {@code [B, 1, L]} to {@code [B, C, L / P]}. */
    private NDArray layers(ParameterStore ps, NDArray x, boolean training) {
        for (int i = 0; i < convs.size(); i++) {
            // Only the first layer in spans: one input channel, so its output dwarfs its arithmetic and memory bounds it;
            // the others are bound by arithmetic, and spans measured no gain there.
            long span = i == 0 ? spanBytes : Long.MAX_VALUE;
            // max-pool then ReLU: identical to ReLU then max-pool (ReLU is monotone), on p times fewer values.
            x = Activation.relu(convs.get(i).forwardPooled(ps, x, config.pools().get(i), span, training));
            if (config.dropout() > 0) {
                x = Dropout.dropout(x, (float) config.dropout(), training).singletonOrThrow();
            }
        }
        return x;
    }

    /**
     * The CNN's features {@code [B, T, F]} computed from crops around the blocks with sound ({@link SilenceSkipPlan}),
     * every other position given the network's output on silence; empty where the plan says skipping does not pay.
     */
    private Optional<NDArray> withoutSilence(ParameterStore ps, NDArray audio, long frames) {
        long batch = audio.getShape().get(0);
        long length = audio.getShape().get(1);
        int block = config.frameSamples();
        if (length % block != 0) {
            return Optional.empty();
        }
        float[] loudest = audio.reshape(batch, length / block, block).abs().max(new int[] {2}).toFloatArray();
        boolean[] sounding = new boolean[loudest.length];
        for (int i = 0; i < loudest.length; i++) {
            sounding[i] = loudest[i] != 0;  // NaN sounds: it spreads as in the whole computation
        }
        Optional<SilenceSkipPlan> found = SilenceSkipPlan.of(field, block, Math.toIntExact(batch), length, sounding);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SilenceSkipPlan plan = found.get();
        NDManager manager = audio.getManager();
        long stride = field.stride();
        NDArray rows = audio.reshape(batch * (length / stride), stride)
                .concat(manager.zeros(new Shape(1, stride), audio.getDataType()), 0);
        NDArray crops = rows.get(manager.create(plan.cropRows()))
                .reshape(plan.crops() + 1, 1, plan.cropPositions() * stride);
        NDArray out = layers(ps, crops, false);
        long channels = out.getShape().get(1);
        // [crops, C, n] to one row per position, as toFrames lays the whole signal's out
        NDArray table = out.transpose(0, 2, 1).reshape(-1, channels);
        return Optional.of(table.get(manager.create(plan.outputRows()))
                .reshape(batch, frames, length / stride * channels / frames));
    }

    private long framesOf(Shape audio) {
        if (audio.dimension() != 2) {
            throw new IllegalArgumentException("Paralinguistic CNN input must be [B, T * " + config.frameInput()
                    + "], cannot be: " + audio);
        }
        long length = audio.get(1);
        if (length % config.frameInput() != 0) {
            throw new IllegalArgumentException("Audio window length " + length + " is not a whole number of "
                    + config.frameInput() + "-value frames");
        }
        long frames = length / config.frameInput();
        config.requireWindow(frames);
        return frames;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long frames = framesOf(inputShapes[0]);
        return new Shape[] {new Shape(inputShapes[0].get(0), frames, config.paralinguisticFeatures())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        framesOf(inputShapes[0]);
        long batch = inputShapes[0].get(0);
        long length = inputShapes[0].get(1);
        long channels = 1;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, new Shape(batch, channels, length));
            channels = config.cnnFilters().get(i);
            length /= config.pools().get(i);
        }
    }
}
