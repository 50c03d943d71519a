package org.emospark.features.embedding;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.emospark.model.ParameterUpdate;

/**
 * Unsupervised alignment of one vector space into another, as MUSE does it (Conneau et al., 2018, "Word translation
 * without parallel data"), for sets that share no known dictionary:
 * <ol>
 *   <li><b>adversarial</b>: a map W (started at the identity) and a discriminator (two hidden layers of
 *   {@value #HIDDEN}, leaky ReLU 0.2, input dropout 0.1) play against each other: the discriminator learns to tell
 *   mapped source vectors from target vectors ({@value #DISCRIMINATOR_STEPS} steps per round, labels smoothed by
 *   {@value #SMOOTHING}), W learns to fool it, and after each of its SGD steps W is pulled back towards an orthogonal
 *   map ({@code W <- (1 + b) W - b W W^T W}, b = {@value #BETA});</li>
 *   <li><b>refinement</b>: {@value #REFINEMENTS} rounds of orthogonal Procrustes over the pairs that are each other's
 *   nearest neighbour under CSLS (cosine, less the mean cosine of each side's {@value #CSLS_K} nearest neighbours,
 *   which keeps "hub" words from matching everything);</li>
 *   <li><b>selection</b>: of the maps after each stage (the adversarial one made exactly orthogonal), the one whose
 *   CSLS translations have the highest mean cosine, MUSE's unsupervised criterion.</li>
 * </ol>
 * Vectors are unit-normalised throughout; the returned map is a {@link ProcrustesAlignment} (the last refinement's
 * fit, scaled to the target's mean length), so it applies like the supervised one. At most {@value #MAX_WORDS} words
 * of each set take part, in the set's order. The training is seeded: the same sets give the same map.
 */
public final class AdversarialAlignment {
    static final int HIDDEN = 512;
    static final int DISCRIMINATOR_STEPS = 5;
    static final float SMOOTHING = 0.1f;
    static final float BETA = 0.001f;
    static final int REFINEMENTS = 5;
    static final int CSLS_K = 10;
    /** Ranking every pair of words is the cost (quadratic): MUSE, too, maps with its most frequent words only. */
    static final int MAX_WORDS = 5_000;
    static final int BATCH = 32;
    static final float LEARNING_RATE = 0.1f;
    /** On logits, with soft labels: the discriminator's loss, and (labels flipped) the map's. */
    private static final SigmoidBinaryCrossEntropyLoss CROSS_ENTROPY = new SigmoidBinaryCrossEntropyLoss();

    private AdversarialAlignment() {
    }

    /** The selected map and the size of the dictionary its last refinement was fitted on. */
    public record Fitted(ProcrustesAlignment map, int dictionaryPairs, String stage, double criterion) {
    }

    public static Fitted fit(WordVectors source, WordVectors target, int rounds, long seed) {
        if (source.dims() != target.dims()) {
            throw new IllegalArgumentException("Cannot map a set of " + source.dims() + " dims into one of "
                    + target.dims() + " dims: a rotation keeps the number of dimensions");
        }
        int d = source.dims();
        float[][] x = unitRows(source);
        float[][] y = unitRows(target);
        if (x.length < CSLS_K + 1 || y.length < CSLS_K + 1) {
            throw new IllegalArgumentException("Unsupervised alignment needs more than " + CSLS_K + " words on each "
                    + "side, not " + x.length + " and " + y.length);
        }
        // Made exactly orthogonal, so that its criterion compares fairly with the refinements': a map that squeezes
        // the space scores high cosines for nothing.
        ProcrustesAlignment start = ProcrustesAlignment.nearestRotation(adversarial(x, y, d, rounds, seed), d);
        Fitted best = refine(start, x, y);
        // The selected rotation, scaled to the target's mean length as the supervised fit is.
        return new Fitted(best.map().withScale(meanLength(target) / meanLength(source)), best.dictionaryPairs(),
                best.stage(), best.criterion());
    }

    /** The refinement rounds from {@code start} over unit rows, and the selection among them and the start. */
    static Fitted refine(ProcrustesAlignment start, float[][] x, float[][] y) {
        // One CSLS matrix per map gives both its criterion and the next round's dictionary.
        Matched matched = match(start, x, y);
        Fitted best = new Fitted(start, 0, "adversarial", matched.criterion());
        for (int r = 1; r <= REFINEMENTS; r++) {
            List<int[]> pairs = matched.pairs();
            if (pairs.isEmpty()) {
                break;
            }
            List<float[]> from = new ArrayList<>();
            List<float[]> to = new ArrayList<>();
            for (int[] p : pairs) {
                from.add(x[p[0]]);
                to.add(y[p[1]]);
            }
            ProcrustesAlignment map = ProcrustesAlignment.fit(from, to);
            matched = match(map, x, y);
            if (matched.criterion() > best.criterion()) {
                best = new Fitted(map, pairs.size(), "refinement " + r, matched.criterion());
            }
        }
        return best;
    }

    /** The adversarial stage over unit rows: W, row-major d x d. */
    static double[] adversarial(float[][] x, float[][] y, int d, int rounds, long seed) {
        Random random = new Random(seed);
        try (NDManager root = NDManager.newBaseManager()) {
            SequentialBlock discriminator = new SequentialBlock()
                    .add(Dropout.builder().optRate(0.1f).build())
                    .add(Linear.builder().setUnits(HIDDEN).build())
                    .add(Activation.leakyReluBlock(0.2f))
                    .add(Linear.builder().setUnits(HIDDEN).build())
                    .add(Activation.leakyReluBlock(0.2f))
                    .add(Linear.builder().setUnits(1).build());
            discriminator.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            synchronized (AdversarialAlignment.class) {
                Engine.getInstance().setRandomSeed((int) seed);
                discriminator.initialize(root, DataType.FLOAT32, new Shape(1, d));
            }
            // W lives here, not in the engine: its SGD step and the pull towards orthogonal are in-place updates of a
            // leaf the engine would record (and refuse) while gradients are on.
            float[] w = new float[d * d];
            for (int k = 0; k < d; k++) {
                w[k * d + k] = 1;
            }
            Shape square = new Shape(d, d);
            List<Parameter> discriminatorParameters = new ArrayList<>();
            for (Pair<String, Parameter> p : discriminator.getParameters()) {
                discriminatorParameters.add(p.getValue());
            }
            Optimizer discriminatorSgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
            float[] labels = new float[2 * BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = 1 - SMOOTHING;
                labels[BATCH + i] = SMOOTHING;
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < DISCRIMINATOR_STEPS; k++) {
                    try (NDManager step = root.newSubManager()) {
                        NDArray mapped = step.create(batch(x, random, d), new Shape(BATCH, d))
                                .matMul(step.create(w, square).transpose());
                        NDArray both = mapped.concat(step.create(batch(y, random, d), new Shape(BATCH, d)), 0);
                        NDArray truth = step.create(labels, new Shape(2 * BATCH, 1));
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = discriminator.forward(new ParameterStore(step, false), new NDList(both),
                                    true).singletonOrThrow();
                            collector.backward(CROSS_ENTROPY.evaluate(new NDList(truth), new NDList(logits)));
                        }
                        ParameterUpdate.apply(discriminatorSgd, discriminatorParameters, step);
                    }
                }
                try (NDManager step = root.newSubManager()) {
                    NDArray words = step.create(batch(x, random, d), new Shape(BATCH, d));
                    // The map is trained to make the discriminator call mapped vectors targets.
                    NDArray fooled = step.create(new float[BATCH], new Shape(BATCH, 1)).add(SMOOTHING);
                    NDArray map = step.create(w, square);
                    map.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        // Inside the collector: the engine records the product only while one is open.
                        NDArray mapped = words.matMul(map.transpose());
                        NDArray logits = discriminator.forward(new ParameterStore(step, false), new NDList(mapped),
                                false).singletonOrThrow();
                        collector.backward(CROSS_ENTROPY.evaluate(new NDList(fooled), new NDList(logits)));
                    }
                    NDArray grad = map.getGradient();
                    grad.attach(step);
                    NDArray stepped = step.create(w, square).sub(grad.mul(LEARNING_RATE));
                    w = stepped.mul(1 + BETA).sub(stepped.matMul(stepped.transpose()).matMul(stepped).mul(BETA))
                            .toFloatArray();
                    ParameterUpdate.discard(discriminatorParameters, step);
                }
            }
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = w[i];
            }
            return out;
        }
    }

    private static float[] batch(float[][] rows, Random random, int d) {
        float[] out = new float[BATCH * d];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(rows[random.nextInt(rows.length)], 0, out, i * d, d);
        }
        return out;
    }

    /** What one map's CSLS matrix says: the mutual best pairs, and MUSE's criterion. */
    private record Matched(List<int[]> pairs, double criterion) {
    }

    /**
     * CSLS similarities of every mapped source row to every target row, {@code [n, m]} row-major: 2 cos - r_T(x) -
     * r_S(y), r the mean cosine to the {@value #CSLS_K} nearest of the other side; then the pairs that are each
     * other's best match, and the mean cosine between each source row and its best match (MUSE's model-selection
     * criterion).
     */
    private static Matched match(ProcrustesAlignment map, float[][] x, float[][] y) {
        float[][] mapped = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            mapped[i] = ValenceNeighbours.normalised(map.apply(x[i]));
        }
        int n = x.length;
        int m = y.length;
        float[] cos = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cos[i * m + j] = (float) ValenceNeighbours.dot(mapped[i], y[j]);
            }
        }
        double[] rSource = new double[n];
        double[] rTarget = new double[m];
        for (int i = 0; i < n; i++) {
            float[] row = new float[m];
            System.arraycopy(cos, i * m, row, 0, m);
            rSource[i] = meanOfLargest(row, CSLS_K);
        }
        for (int j = 0; j < m; j++) {
            float[] column = new float[n];
            for (int i = 0; i < n; i++) {
                column[i] = cos[i * m + j];
            }
            rTarget[j] = meanOfLargest(column, CSLS_K);
        }
        float[] s = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s[i * m + j] = (float) (2 * cos[i * m + j] - rSource[i] - rTarget[j]);
            }
        }
        int[] bestTarget = new int[n];
        int[] bestSource = new int[m];
        Arrays.fill(bestSource, -1);
        float[] bestSourceScore = new float[m];
        Arrays.fill(bestSourceScore, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 0; j < m; j++) {
                float v = s[i * m + j];
                if (v > s[i * m + best]) {
                    best = j;
                }
                if (v > bestSourceScore[j]) {
                    bestSourceScore[j] = v;
                    bestSource[j] = i;
                }
            }
            bestTarget[i] = best;
        }
        List<int[]> pairs = new ArrayList<>();
        double cosines = 0;
        for (int i = 0; i < n; i++) {
            if (bestSource[bestTarget[i]] == i) {
                pairs.add(new int[] {i, bestTarget[i]});
            }
            cosines += cos[i * m + bestTarget[i]];
        }
        return new Matched(pairs, cosines / n);
    }

    /** Pairs (source row, target row) that are each other's best CSLS match. */
    static List<int[]> mutualCslsPairs(ProcrustesAlignment map, float[][] x, float[][] y) {
        return match(map, x, y).pairs();
    }

    /** MUSE's model-selection criterion: the mean cosine between each source word and its CSLS translation. */
    static double criterion(ProcrustesAlignment map, float[][] x, float[][] y) {
        return match(map, x, y).criterion();
    }

    private static double meanOfLargest(float[] values, int k) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int take = Math.min(k, sorted.length);
        for (int i = 0; i < take; i++) {
            sum += sorted[sorted.length - 1 - i];
        }
        return sum / take;
    }

    static float[][] unitRows(WordVectors vectors) {
        List<float[]> rows = new ArrayList<>();
        vectors.forEach((word, v) -> {
            if (rows.size() < MAX_WORDS) {
                rows.add(ValenceNeighbours.normalised(v));
            }
        });
        return rows.toArray(float[][]::new);
    }

    private static double meanLength(WordVectors vectors) {
        double[] sum = new double[2];
        vectors.forEach((word, v) -> {
            sum[0] += ProcrustesAlignment.norm(v);
            sum[1]++;
        });
        return sum[1] == 0 || sum[0] == 0 ? 1 : sum[0] / sum[1];
    }
}
