package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** Test helpers: give parameters known values before initialisation, run a block for inference. */
final class Blocks {

    private Blocks() {}

    /** Makes the named parameter (as in {@code block.getParameters()}) initialise to {@code values}, row-major. */
    static void preset(Block block, String name, float[] values) {
        Parameter target = block.getParameters().get(name);
        if (target == null) {
            throw new IllegalArgumentException("No parameter " + name + " in " + block.getParameters().keys());
        }
        block.setInitializer((manager, shape, type) -> {
            if (shape.size() != values.length) {
                throw new IllegalArgumentException(name + " has shape " + shape + ", given " + values.length + " values");
            }
            return manager.create(values, shape);
        }, p -> p == target);
    }

    static NDArray infer(NDManager manager, Block block, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false).singletonOrThrow();
    }

    static void init(NDManager manager, Block block, Shape... shapes) {
        block.initialize(manager, DataType.FLOAT32, shapes);
    }

    static float[] ramp(int n, float start, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return v;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
