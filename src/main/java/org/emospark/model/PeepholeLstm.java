package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * One unidirectional LSTM layer with TensorFlow 1's {@code LSTMCell(use_peepholes=True, cell_clip,
 * forget_bias)} semantics, which DJL's LSTM lacks (no peepholes, no cell clipping). Zero initial state per
 * call (per window) as a block; {@link #run} starts from a given state. Unrolled over T with NDArray ops; the input projection of all T steps is one matMul.
 *
 * <p>Per step, with {@code [i, j, f, o] = split([x_t, h_{t-1}] . kernel + bias)} (TensorFlow's gate order):
 * <pre>
 *   c_t = sigmoid(f + forgetBias + p_f * c_{t-1}) * c_{t-1} + sigmoid(i + p_i * c_{t-1}) * tanh(j)
 *   c_t = clip(c_t, -cellClip, cellClip)
 *   h_t = sigmoid(o + p_o * c_t) * tanh(c_t)
 * </pre>
 * Parameters (TensorFlow's layout): {@code kernel [D + H, 4H]} (rows 0..D-1 multiply x, rows D.. multiply h;
 * Glorot-uniform), {@code bias [4H]} (zeros; the forget bias is a constant, not a parameter), peepholes
 * {@code peepholeInput, peepholeForget, peepholeOutput [H]} (uniform +-sqrt(3/H)). Count
 * {@code 4H(D + H) + 4H + 3H}: 788,224 for D = 512, H = 256.
 *
 * <p>Input {@code [B, T, D]}, output {@code [B, T, H]} (every step's h).
 */
public final class PeepholeLstm extends AbstractBlock {

    private final int units;
    private final double cellClip;
    private final double forgetBias;
    private final Parameter kernel;
    private final Parameter bias;
    private final Parameter peepholeInput;
    private final Parameter peepholeForget;
    private final Parameter peepholeOutput;

    public PeepholeLstm(int units, double cellClip, double forgetBias) {
        if (units < 1) {
            throw new IllegalArgumentException("LSTM units must be at least 1, cannot be: " + units);
        }
        if (!(cellClip > 0)) {
            throw new IllegalArgumentException("Cell clip must be positive, cannot be: " + cellClip);
        }
        this.units = units;
        this.cellClip = cellClip;
        this.forgetBias = forgetBias;
        this.kernel = addParameter(Parameter.builder().setName("kernel").setType(Parameter.Type.WEIGHT)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG, 3))
                .build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(4L * units)).build());
        UniformInitializer diag = new UniformInitializer((float) Math.sqrt(3.0 / units));
        this.peepholeInput = addParameter(Parameter.builder().setName("peepholeInput").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(units)).optInitializer(diag).build());
        this.peepholeForget = addParameter(Parameter.builder().setName("peepholeForget").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(units)).optInitializer(diag).build());
        this.peepholeOutput = addParameter(Parameter.builder().setName("peepholeOutput").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(units)).optInitializer(diag).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        kernel.setShape(new Shape(in.get(in.dimension() - 1) + units, 4L * units));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(run(ps, inputs.singletonOrThrow(), null, null, training).get(0));
    }

    /**
     * The layer over {@code x [B, T, D]} from the state {@code (h0, c0)}, each {@code [B, H]} ({@code null}: zeros).
     * Returns {@code (outputs [B, T, H], h_T, c_T)}: running T1 steps and then T2 more from the returned state gives
     * the outputs of one run over T1 + T2 steps, which is how streaming scoring carries the state across windows.
     */
    public NDList run(ParameterStore ps, NDArray x, NDArray h0, NDArray c0, boolean training) {
        Shape s = requireInput(x);
        long batch = s.get(0);
        long frames = s.get(1);
        NDList kernels = kernels(ps, x, training);
        Shape state = new Shape(batch, units);
        for (NDArray given : new NDArray[] {h0, c0}) {
            if (given != null && !given.getShape().equals(state)) {
                throw new IllegalArgumentException("LSTM state must be " + state + ", cannot be: " + given.getShape());
            }
        }
        NDArray inputKernel = kernels.get(0);
        NDArray recurrentKernel = kernels.get(1);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        NDArray pi = ps.getValue(peepholeInput, x.getDevice(), training);
        NDArray pf = ps.getValue(peepholeForget, x.getDevice(), training);
        NDArray po = ps.getValue(peepholeOutput, x.getDevice(), training);

        NDList steps = x.matMul(inputKernel).add(b).split(frames, 1);
        NDArray zeros = h0 == null || c0 == null ? x.getManager().zeros(state, x.getDataType(), x.getDevice()) : null;
        NDArray h = h0 != null ? h0 : zeros;
        NDArray c = c0 != null ? c0 : zeros;
        return recur(steps, 1, h, c, recurrentKernel, pi, pf, po);
    }

    /**
     * This layer over {@code x [B, T, D]} and {@code backward} over the same frames from the last to the first, both
     * from zero states, as one recurrence: each step is one batched matrix product and one set of gate operations for
     * the two directions (their parameters stacked), which halves the per-step operations that dominate an LSTM over
     * short windows. Returns {@code (forward [B, T, H], backward [B, T, H])}, the second turned back so that its frame
     * t is frame t of {@code x}: exactly what {@code run(x)} and {@code backward.run(x.flip(1))} flipped back give.
     */
    public NDList runBidirectional(PeepholeLstm backward, ParameterStore ps, NDArray x, boolean training) {
        if (backward.units != units || backward.cellClip != cellClip || backward.forgetBias != forgetBias) {
            throw new IllegalArgumentException("The two directions must have the same units, cell clip and forget bias");
        }
        Shape s = requireInput(x);
        long batch = s.get(0);
        long frames = s.get(1);
        PeepholeLstm[] directions = {this, backward};
        NDList inputKernels = new NDList(2);
        NDList recurrentKernels = new NDList(2);
        NDList biases = new NDList(2);
        NDList[] peepholes = {new NDList(2), new NDList(2), new NDList(2)};
        for (PeepholeLstm d : directions) {
            NDList kernels = d.kernels(ps, x, training);
            inputKernels.add(kernels.get(0));
            recurrentKernels.add(kernels.get(1));
            biases.add(ps.getValue(d.bias, x.getDevice(), training));
            peepholes[0].add(ps.getValue(d.peepholeInput, x.getDevice(), training));
            peepholes[1].add(ps.getValue(d.peepholeForget, x.getDevice(), training));
            peepholes[2].add(ps.getValue(d.peepholeOutput, x.getDevice(), training));
        }
        // [2, B, T, 4H]: direction 1 reads the frames reversed.
        NDArray projected = NDArrays.stack(new NDList(
                x.matMul(inputKernels.get(0)).add(biases.get(0)),
                x.flip(1).matMul(inputKernels.get(1)).add(biases.get(1))), 0);
        NDArray recurrent = NDArrays.stack(recurrentKernels, 0);
        NDArray pi = BatchScoped.of(x, NDArrays.stack(peepholes[0], 0)).reshape(2, 1, units);
        NDArray pf = BatchScoped.of(x, NDArrays.stack(peepholes[1], 0)).reshape(2, 1, units);
        NDArray po = BatchScoped.of(x, NDArrays.stack(peepholes[2], 0)).reshape(2, 1, units);

        NDList steps = projected.split(frames, 2);
        NDArray h = x.getManager().zeros(new Shape(2, batch, units), x.getDataType(), x.getDevice());
        NDArray c = h;
        NDArray both = recur(steps, 2, h, c, recurrent, pi, pf, po).get(0);
        return new NDList(both.get(0), both.get(1).flip(1));
    }

    private static Shape requireInput(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("LSTM input must be [B, T, D], cannot be: " + s);
        }
        return s;
    }

    /** The kernel's rows that multiply the input {@code x [B, T, D]} and those that multiply h, checked against D. */
    private NDList kernels(ParameterStore ps, NDArray x, boolean training) {
        long inputs = x.getShape().get(2);
        NDArray k = ps.getValue(kernel, x.getDevice(), training);
        if (k.getShape().get(0) != inputs + units) {
            throw new IllegalArgumentException("LSTM was built for " + (k.getShape().get(0) - units)
                    + "-d inputs, given " + x.getShape());
        }
        return BatchScoped.of(x, k.split(new long[] {inputs}, 0));
    }

    /**
     * The recurrence from {@code (h, c)} over {@code steps}, each step's input projection with the bias, a size-1 axis
     * at {@code axis} where the frames were; the gates lie along that axis once it is squeezed. Returns every step's h
     * stacked along {@code axis}, then the last h and c.
     */
    private NDList recur(NDList steps, int axis, NDArray h, NDArray c, NDArray recurrent, NDArray pi, NDArray pf,
                         NDArray po) {
        NDList outputs = new NDList(steps.size());
        for (NDArray projected : steps) {
            NDArray[] hc = step(projected.squeeze(axis), h, c, recurrent, pi, pf, po, axis);
            h = hc[0];
            c = hc[1];
            outputs.add(h);
        }
        return new NDList(NDArrays.stack(outputs, axis), h, c);
    }

    /**
     * One step of the recurrence from {@code (h, c)}: {@code projected} is the step's input projection with the bias,
     * the gates lie along {@code gateAxis}. Returns {@code {h, c}} after the step.
     */
    private NDArray[] step(NDArray projected, NDArray h, NDArray c, NDArray recurrent, NDArray pi, NDArray pf,
                           NDArray po, int gateAxis) {
        NDList g = projected.add(h.matMul(recurrent)).split(4, gateAxis);
        // The state first, so that its product with a peephole joins the batch's manager (BatchScoped).
        NDArray inputGate = Activation.sigmoid(g.get(0).add(c.mul(pi)));
        NDArray forgetGate = Activation.sigmoid(g.get(2).add(forgetBias).add(c.mul(pf)));
        NDArray next = forgetGate.mul(c).add(inputGate.mul(g.get(1).tanh())).clip(-cellClip, cellClip);
        return new NDArray[] {Activation.sigmoid(g.get(3).add(next.mul(po))).mul(next.tanh()), next};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), units)};
    }
}
