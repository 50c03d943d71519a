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
        Shape s = x.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("LSTM input must be [B, T, D], cannot be: " + s);
        }
        long batch = s.get(0);
        long frames = s.get(1);
        long inputs_ = s.get(2);
        NDArray k = ps.getValue(kernel, x.getDevice(), training);
        if (k.getShape().get(0) != inputs_ + units) {
            throw new IllegalArgumentException("LSTM was built for " + (k.getShape().get(0) - units)
                    + "-d inputs, given " + s);
        }
        Shape state = new Shape(batch, units);
        for (NDArray given : new NDArray[] {h0, c0}) {
            if (given != null && !given.getShape().equals(state)) {
                throw new IllegalArgumentException("LSTM state must be " + state + ", cannot be: " + given.getShape());
            }
        }
        NDList kernels = k.split(new long[] {inputs_}, 0);
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
        NDList outputs = new NDList((int) frames);
        for (int t = 0; t < frames; t++) {
            NDArray gates = steps.get(t).squeeze(1).add(h.matMul(recurrentKernel));
            NDList g = gates.split(4, 1);
            NDArray inputGate = Activation.sigmoid(g.get(0).add(pi.mul(c)));
            NDArray forgetGate = Activation.sigmoid(g.get(2).add(forgetBias).add(pf.mul(c)));
            c = forgetGate.mul(c).add(inputGate.mul(g.get(1).tanh())).clip(-cellClip, cellClip);
            h = Activation.sigmoid(g.get(3).add(po.mul(c))).mul(c.tanh());
            outputs.add(h);
        }
        return new NDList(NDArrays.stack(outputs, 1), h, c);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), units)};
    }
}
