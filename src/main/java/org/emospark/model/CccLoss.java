package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.Objects;
import org.emospark.metrics.Dimension;
import org.emospark.model.ModelConfig.LossWeights;

/**
 * The paper's training loss: {@code sum_d w_d (1 - CCC_d)} over arousal, valence and liking, each CCC
 * taken with population moments over the flattened batch x time.
 *
 * <p>Predictions and labels are {@code [B, T, 3]} (any leading shape works: everything but the last
 * axis is flattened). Built from NDArray operations only, so the engine's autograd differentiates it;
 * the result is a scalar of the predictions' data type. Weights are {@link LossWeights#EQUAL} (1, 1, 1),
 * the sane default, or {@link LossWeights#FAITHFUL} (1, 1/2, 1/3) as in the authors' code.
 *
 * <p>As a DJL evaluator the accumulated value is the mean loss per batch. There is no epsilon in the
 * denominator: a batch in which predictions and labels of a dimension are both constant and equal gives
 * NaN, as the definition does.
 */
public final class CccLoss extends Loss {

    /** Default evaluator name. */
    public static final String DEFAULT_NAME = "CccLoss";

    private final LossWeights weighting;

    /** Equal weights, named {@value #DEFAULT_NAME}. */
    public CccLoss() {
        this(DEFAULT_NAME, LossWeights.EQUAL);
    }

    public CccLoss(LossWeights weighting) {
        this(DEFAULT_NAME, weighting);
    }

    public CccLoss(String name, LossWeights weighting) {
        super(name);
        this.weighting = Objects.requireNonNull(weighting, "weighting");
    }

    public LossWeights weighting() {
        return weighting;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = predictions.singletonOrThrow();
        NDArray g = labels.singletonOrThrow();
        NDArray ccc = concordance(p, g);
        NDArray w = p.getManager().create(weighting.weights(Dimension.COUNT)).toType(ccc.getDataType(), false);
        return ccc.neg().add(1).mul(w).sum();
    }

    /**
     * As DJL's, which reads the batch loss with {@code getFloat()}: predictions of another data type
     * (float64 in a gradient check) are evaluated as float32 here so that accumulation still works.
     */
    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        NDArray p = predictions.singletonOrThrow();
        if (p.getDataType() == DataType.FLOAT32) {
            super.updateAccumulators(keys, labels, predictions);
            return;
        }
        try (NDArray p32 = p.toType(DataType.FLOAT32, false);
                NDArray g32 = labels.singletonOrThrow().toType(DataType.FLOAT32, false)) {
            super.updateAccumulators(keys, new NDList(g32), new NDList(p32));
        }
    }

    /**
     * CCC per dimension, shape {@code [3]}, of predictions and labels of equal shape {@code [..., 3]},
     * flattened over all leading axes. Differentiable; labels are cast to the predictions' data type.
     */
    public static NDArray concordance(NDArray predictions, NDArray labels) {
        Shape shape = predictions.getShape();
        if (!shape.equals(labels.getShape())) {
            throw new IllegalArgumentException("Predictions and labels must have the same shape, got " + shape
                    + " and " + labels.getShape());
        }
        if (shape.dimension() < 1 || shape.tail() != Dimension.COUNT) {
            throw new IllegalArgumentException("Last axis must hold the 3 dimensions (arousal, valence, liking), got shape "
                    + shape);
        }
        int[] rows = {0};
        NDArray p = predictions.reshape(-1, Dimension.COUNT);
        NDArray g = labels.toType(predictions.getDataType(), false).reshape(-1, Dimension.COUNT);
        NDArray meanP = p.mean(rows);
        NDArray meanG = g.mean(rows);
        NDArray cp = p.sub(meanP);
        NDArray cg = g.sub(meanG);
        NDArray varP = cp.square().mean(rows);
        NDArray varG = cg.square().mean(rows);
        NDArray cov = cp.mul(cg).mean(rows);
        NDArray denominator = varP.add(varG).add(meanP.sub(meanG).square());
        return Scalars.times(cov, 2).div(denominator);
    }
}
