package org.emospark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The LSTM state one training step hands to the next when the state is carried across windows ({@link WindowLanes}):
 * {@code h} and {@code c}, {@code [rows, H]}, detached from the graph that made them (truncated back-propagation
 * through time: gradients stop at the window's start) and held in a manager of their own until replaced.
 */
final class CarriedState implements AutoCloseable {
    private final NDManager manager;
    private NDArray h;
    private NDArray c;

    CarriedState(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /**
     * The state row i of the next step starts from, in {@code step}'s manager: the last one kept for row i where
     * {@code continues[i]}, zeros where not; {@code null} when no row continues (the network starts from zeros).
     */
    NDArray[] start(NDManager step, boolean[] continues) {
        boolean any = false;
        for (boolean c0 : continues) {
            any |= c0;
        }
        if (!any) {
            return null;
        }
        if (h == null) {
            throw new IllegalStateException("A step continues rows no step has run before");
        }
        int rows = continues.length;
        if (rows > h.getShape().get(0)) {
            throw new IllegalStateException("A step of " + rows + " rows continues a step of " + h.getShape().get(0));
        }
        float[] mask = new float[rows];
        for (int i = 0; i < rows; i++) {
            mask[i] = continues[i] ? 1f : 0f;
        }
        NDArray m = step.create(mask, new Shape(rows, 1));
        String first = "0:" + rows;
        NDArray hRows = h.get(first);
        NDArray cRows = c.get(first);
        hRows.attach(step);
        cRows.attach(step);
        return new NDArray[] {hRows.mul(m), cRows.mul(m)};
    }

    /** Keeps the state a step ended in ({@code [rows, H]} each), without its graph, for the next step. */
    void keep(NDArray hEnd, NDArray cEnd) {
        NDArray nh = hEnd.stopGradient();
        NDArray nc = cEnd.stopGradient();
        nh.attach(manager);
        nc.attach(manager);
        if (h != null) {
            h.close();
            c.close();
        }
        h = nh;
        c = nc;
    }

    @Override
    public void close() {
        manager.close();
    }
}
