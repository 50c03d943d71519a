package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A stride-1 1-D convolution with TensorFlow's 'same' padding: {@code (k - 1) / 2} zeros on the left and
 * {@code k / 2} on the right (k = 8: 3 left, 4 right; k = 6: 2 left, 3 right), so the output keeps the input
 * length. DJL's {@link Conv1d} pads symmetrically, so the input is padded explicitly (with its channels, see
 * {@link #blockPadding}) and the convolution runs 'valid'.
 *
 * <p>Input {@code [B, C_in, L]}, output {@code [B, filters, L]}; child {@code conv} holds {@code weight
 * [filters, C_in, k]} and {@code bias [filters]} (its parameters; the convolution itself is called here). Cost: one
 * copy of the input for the padding.
 */
public final class SamePaddedConv1d extends AbstractBlock {

    /** oneDNN's channel block on AVX-512 CPUs, a multiple of AVX2's 8. */
    static final int CHANNEL_BLOCK = 16;

    private final int filters;
    private final int kernel;
    private final int padLeft;
    private final int padRight;
    private final Conv1d conv;
    // The child's parameters, which forwardInternal feeds to the convolution itself (block-padded).
    private final Parameter kernelWeight;
    private final Parameter kernelBias;

    public SamePaddedConv1d(int filters, int kernel) {
        if (filters < 1 || kernel < 1) {
            throw new IllegalArgumentException("Filters and kernel must be at least 1, cannot be: " + filters + ", " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.padLeft = (kernel - 1) / 2;
        this.padRight = kernel - 1 - padLeft;
        this.conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(filters).build());
        this.kernelWeight = conv.getParameters().get("weight");
        this.kernelBias = conv.getParameters().get("bias");
    }

    public int padLeft() {
        return padLeft;
    }

    public int padRight() {
        return padRight;
    }

    /**
     * Runs the convolution with input and output channels zero-padded to whole blocks of {@value #CHANNEL_BLOCK}
     * ({@link #blockPadding}), then drops the padded output channels: the result is the plain convolution's.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        BlockPadded conv = blockPadded(ps, x, training);
        NDArray y = Conv1d.conv1d(conv.input(), conv.weight(), conv.bias()).singletonOrThrow();
        return new NDList(conv.outPad() > 0 ? y.get(":, 0:" + filters) : y);
    }

    /**
     * This convolution followed by a max-pool of size = stride = {@code pool}: {@code [B, C_in, L]} to {@code [B,
     * filters, L / pool]}, computed span by span along the signal so that each span's convolution output (before the
     * pool) holds at most {@code spanBytes} (at least one pool's worth); where one whole signal's output fits, as many
     * whole signals at once as fit instead.
     *
     * <p>Why spans: the convolution's output is {@code pool} times larger than what the pool keeps (the paper's first
     * layer: 64 block-padded channels of every sample, hundreds of MB a batch), and written to memory and read back
     * whole it costs more than the convolution's arithmetic. A span's output small enough for the CPU's cache is
     * pooled while it is still there. The spans start at multiples of {@code pool} and each sees its own
     * {@code k - 1} neighbouring samples, so the values are the whole signal's.
     */
    public NDArray forwardPooled(ParameterStore ps, NDArray x, int pool, long spanBytes, boolean training) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(2);
        if (length % pool != 0) {
            throw new IllegalArgumentException("Signal length " + length + " is not a whole number of pools of " + pool);
        }
        BlockPadded conv = blockPadded(ps, x, training);
        long bytesPerPool = batch * (filters + conv.outPad()) * Float.BYTES * (long) pool;
        long span = Math.max(1, spanBytes / bytesPerPool) * pool;
        long bytesPerSignal = bytesPerPool / batch * (length / pool);
        Shape poolShape = new Shape(pool);
        NDArray pooled;
        if (span < length && bytesPerSignal <= spanBytes) {
            // Many short signals (the crops of SilenceSkipPlan): whole signals, as many at once as fit in a span.
            long group = spanBytes / bytesPerSignal;
            NDList parts = new NDList((int) ((batch + group - 1) / group));
            for (long start = 0; start < batch; start += group) {
                NDArray y = Conv1d.conv1d(conv.input().get(start + ":" + Math.min(batch, start + group)), conv.weight(),
                        conv.bias()).singletonOrThrow();
                parts.add(Pool.maxPool1d(y, poolShape, poolShape, new Shape(0), false));
                y.close();
            }
            pooled = NDArrays.concat(parts, 0);
        } else if (span >= length) {
            NDArray y = Conv1d.conv1d(conv.input(), conv.weight(), conv.bias()).singletonOrThrow();
            pooled = Pool.maxPool1d(y, poolShape, poolShape, new Shape(0), false);
        } else {
            NDList parts = new NDList((int) ((length + span - 1) / span));
            for (long start = 0; start < length; start += span) {
                long end = Math.min(length, start + span);
                NDArray y = Conv1d.conv1d(conv.input().get(":, :, " + start + ":" + (end + kernel - 1)), conv.weight(),
                        conv.bias()).singletonOrThrow();
                parts.add(Pool.maxPool1d(y, poolShape, poolShape, new Shape(0), false));
                // Freed now, the next span's output takes the same, still cached, memory (autograd keeps its own reference).
                y.close();
            }
            pooled = NDArrays.concat(parts, 2);
        }
        return conv.outPad() > 0 ? pooled.get(":, 0:" + filters) : pooled;
    }

    /** The 'same'-padded input and the kernel, with channels padded to whole blocks. */
    private record BlockPadded(NDArray input, NDArray weight, NDArray bias, long outPad) {
    }

    private BlockPadded blockPadded(ParameterStore ps, NDArray x, boolean training) {
        long channels = x.getShape().get(1);
        long inPad = channels > 1 ? blockPadding(channels) : 0;
        long outPad = blockPadding(filters);
        NDArray weight = ps.getValue(kernelWeight, x.getDevice(), training);
        NDArray bias = ps.getValue(kernelBias, x.getDevice(), training);
        if (inPad > 0 || outPad > 0) {
            // torch's pad order: last axis first (kernel, then input channels, then filters).
            weight = BatchScoped.of(x, weight.pad(new Shape(0, 0, 0, inPad, 0, outPad), 0));
            bias = BatchScoped.of(x, bias.pad(new Shape(0, outPad), 0));
        }
        return new BlockPadded(x.pad(new Shape(padLeft, padRight, 0, inPad), 0), weight, bias, outPad);
    }

    /**
     * The zero channels that bring {@code channels} to a whole number of {@value #CHANNEL_BLOCK}-channel blocks.
     *
     * <p>Why: oneDNN, which runs PyTorch's CPU convolutions, stores channels in blocks of 16 (AVX-512; 8 with AVX2)
     * and pads the last block itself. With 125 filters over 50 input channels (the paper's second convolution) that
     * padding was measured to hold garbage: {@code bench-model} on the paper's network saw whole output channels of
     * its first forward pass turn NaN in 5 of 10 runs from finite weights and inputs, and in 0 of 20 runs with 48 and
     * 128 channels; the small networks of the unit tests failed the same way now and then. Channels padded here
     * with zeros leave oneDNN nothing to pad, and cost no extra arithmetic, since its kernels compute whole blocks
     * anyway. A single input channel is left alone: oneDNN does not block it, and padding it would multiply the first
     * convolution's work by 16.
     */
    static long blockPadding(long channels) {
        return (CHANNEL_BLOCK - channels % CHANNEL_BLOCK) % CHANNEL_BLOCK;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(in.get(0), in.get(1), in.get(2) + kernel - 1));
    }
}
