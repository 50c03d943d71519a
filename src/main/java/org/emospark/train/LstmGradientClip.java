package org.emospark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * The paper's "gradient-norm clipping 5 on the LSTM": the LSTM's gradients, taken together as one vector,
 * are scaled so that their global L2 norm is at most {@code maxNorm} (TensorFlow's clip_by_global_norm);
 * other gradients are left alone.
 */
final class LstmGradientClip {
    private final List<Parameter> lstm;
    private final double maxNorm;

    LstmGradientClip(List<Parameter> lstmParameters, double maxNorm) {
        this.lstm = List.copyOf(lstmParameters);
        this.maxNorm = maxNorm;
    }

    /**
     * Clips in place and returns the norm before clipping. The gradient views and temporaries live in
     * {@code step}, so they are freed with the step.
     */
    double apply(NDManager step) {
        NDArray[] grads = new NDArray[lstm.size()];
        double sumSquares = 0;
        for (int i = 0; i < grads.length; i++) {
            grads[i] = lstm.get(i).getArray().getGradient();
            grads[i].attach(step);
            sumSquares += grads[i].square().sum().getFloat();
        }
        double norm = Math.sqrt(sumSquares);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
