package org.emospark.features.speech2vec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.emospark.model.ParameterUpdate;

/**
 * Trains {@link Speech2VecNet} on spoken words and turns it into word vectors. Skip-gram: every spoken word is paired
 * with each word up to {@code window} before and after it in the same utterance, and learns to reconstruct that
 * neighbour's frames (mean squared error over its real frames). A word's vector is the mean of its occurrences'
 * encodings, as Speech2Vec defines it. Pairs are shuffled each epoch and batched with words of similar length, so
 * little of a batch is padding. Seeded: the same words and settings give the same vectors. Runs on the calling
 * (driver) thread with all its cores, as the network's training does.
 */
public final class Speech2VecTrainer {
    /** Pairs per bucket sorted by length before batching: long enough to group lengths, short enough to mix. */
    private static final int BATCHES_PER_BUCKET = 32;
    private static final int ENCODE_BATCH = 256;

    private Speech2VecTrainer() {
    }

    /**
     * The vectors and how they were learnt.
     *
     * @param vectors     word -> vector, for words spoken at least {@code minCount} times
     * @param occurrences word -> times spoken, for every word
     * @param epochLosses the mean reconstruction error of each epoch, per coefficient (the frames are normalised,
     *                    so 1 is what predicting zeros scores)
     */
    public record Trained(Map<String, float[]> vectors, Map<String, Integer> occurrences, long pairs,
                          List<Double> epochLosses, double seconds) {
    }

    /** (word, neighbour) by their positions in the list of words. */
    record WordPair(int word, int neighbour) {
    }

    public static Trained train(List<SpokenWord> words, Speech2VecSettings settings, Consumer<String> progress) {
        List<WordPair> pairs = pairs(words, settings.window());
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("Speech2Vec needs utterances of at least two timed words to learn from "
                    + "neighbours; the lake's " + words.size() + " spoken words have none");
        }
        Map<String, Integer> occurrences = new TreeMap<>();
        for (SpokenWord w : words) {
            occurrences.merge(w.word(), 1, Integer::sum);
        }
        long started = System.nanoTime();
        List<Double> losses = new ArrayList<>();
        Map<String, float[]> vectors;
        try (NDManager root = NDManager.newBaseManager()) {
            Speech2VecNet net = new Speech2VecNet(settings.vectorSize());
            synchronized (Speech2VecTrainer.class) {
                // The engine's generator is global to the JVM: seeded and drawn from at once, the weights repeat.
                Engine.getInstance().setRandomSeed((int) settings.seed());
                net.initialize(root, DataType.FLOAT32, new Shape(1, 1, Mfcc.COEFFICIENTS),
                        new Shape(1, 1, Mfcc.COEFFICIENTS));
            }
            List<Parameter> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                parameters.add(p.getValue());
            }
            Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build();
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                double sum = 0;
                long count = 0;
                for (List<WordPair> batch : batches(pairs, words, settings, epoch)) {
                    double[] loss = step(root, net, parameters, adam, words, batch);
                    sum += loss[0];
                    count += (long) loss[1];
                }
                double mean = sum / count;
                losses.add(mean);
                progress.accept(String.format(Locale.ROOT, "speech2vec epoch %d/%d: reconstruction error %.4f per "
                        + "coefficient (%,d pairs)", epoch, settings.epochs(), mean, pairs.size()));
            }
            vectors = vectors(root, net, words, occurrences, settings.minCount());
        }
        return new Trained(vectors, occurrences, pairs.size(), losses, (System.nanoTime() - started) / 1e9);
    }

    /** Every (word, neighbour) within {@code window} words in the same utterance of the same recording. */
    static List<WordPair> pairs(List<SpokenWord> words, int window) {
        List<WordPair> pairs = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            SpokenWord w = words.get(i);
            for (int j = Math.max(0, i - window); j < Math.min(words.size(), i + window + 1); j++) {
                SpokenWord n = words.get(j);
                if (j != i && n.recordingId().equals(w.recordingId()) && n.utteranceIndex() == w.utteranceIndex()
                        && Math.abs(n.wordIndex() - w.wordIndex()) <= window) {
                    pairs.add(new WordPair(i, j));
                }
            }
        }
        return pairs;
    }

    /** This epoch's batches: pairs shuffled, sorted by the word's length within buckets, batches shuffled. */
    private static List<List<WordPair>> batches(List<WordPair> pairs, List<SpokenWord> words,
                                                Speech2VecSettings settings, int epoch) {
        Random random = new Random(settings.seed() * 1_000_003L + epoch);
        List<WordPair> order = new ArrayList<>(pairs);
        Collections.shuffle(order, random);
        int b = settings.batchSize();
        int bucket = b * BATCHES_PER_BUCKET;
        List<List<WordPair>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += bucket) {
            List<WordPair> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + bucket)));
            part.sort(Comparator.comparingInt((WordPair p) -> words.get(p.word()).frames())
                    .thenComparingInt(p -> words.get(p.neighbour()).frames()));
            for (int at = 0; at < part.size(); at += b) {
                batches.add(part.subList(at, Math.min(part.size(), at + b)));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** One Adam step; returns {summed squared error, coefficients counted}. */
    private static double[] step(NDManager root, Speech2VecNet net, List<Parameter> parameters, Optimizer adam,
                                 List<SpokenWord> words, List<WordPair> batch) {
        int n = batch.size();
        int c = Mfcc.COEFFICIENTS;
        int inLength = 0;
        int outLength = 0;
        for (WordPair p : batch) {
            inLength = Math.max(inLength, words.get(p.word()).frames());
            outLength = Math.max(outLength, words.get(p.neighbour()).frames());
        }
        float[] in = new float[n * inLength * c];
        float[] target = new float[n * outLength * c];
        float[] mask = new float[n * outLength];
        for (int i = 0; i < n; i++) {
            float[] w = words.get(batch.get(i).word()).features();
            // Padded at the start: the encoder's last step is the word's last frame.
            System.arraycopy(w, 0, in, (i + 1) * inLength * c - w.length, w.length);
            float[] t = words.get(batch.get(i).neighbour()).features();
            System.arraycopy(t, 0, target, i * outLength * c, t.length);
            for (int k = 0; k < t.length / c; k++) {
                mask[i * outLength + k] = 1;
            }
        }
        double error;
        double counted;
        try (NDManager step = root.newSubManager()) {
            NDArray x = step.create(in, new Shape(n, inLength, c));
            NDArray y = step.create(target, new Shape(n, outLength, c));
            NDArray m = step.create(mask, new Shape(n, outLength, 1));
            counted = m.sum().getFloat() * c;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray predicted = net.forward(new ParameterStore(step, false), new NDList(x, m), true)
                        .singletonOrThrow();
                NDArray squared = predicted.sub(y).square().mul(m).sum();
                error = squared.getFloat();
                if (!Double.isFinite(error)) {
                    throw new IllegalStateException("Speech2Vec training diverged (error " + error + "): lower "
                            + "emospark.speech2vec.learningRate");
                }
                collector.backward(squared.div((float) counted));
            }
            ParameterUpdate.apply(adam, parameters, step);
        }
        return new double[] {error, counted};
    }

    /**
     * The mean encoding of each word's occurrences, for words spoken at least {@code minCount} times, centred: the
     * mean over those words is subtracted. Why: every encoding shares a large common part (the LSTM's response to
     * speech as such), which says nothing about the word and would dominate any rotation into another space; MUSE
     * centres embeddings for the same reason before mapping them.
     */
    static Map<String, float[]> vectors(NDManager root, Speech2VecNet net, List<SpokenWord> words,
                                        Map<String, Integer> occurrences, int minCount) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> words.get(i).frames()));
        int d = net.dims();
        Map<String, double[]> sums = new TreeMap<>();
        int c = Mfcc.COEFFICIENTS;
        for (int from = 0; from < order.size(); from += ENCODE_BATCH) {
            List<Integer> batch = order.subList(from, Math.min(order.size(), from + ENCODE_BATCH));
            int length = words.get(batch.get(batch.size() - 1)).frames();
            float[] in = new float[batch.size() * length * c];
            for (int i = 0; i < batch.size(); i++) {
                float[] w = words.get(batch.get(i)).features();
                System.arraycopy(w, 0, in, (i + 1) * length * c - w.length, w.length);
            }
            float[] encoded;
            try (NDManager scope = root.newSubManager()) {
                encoded = net.encode(new ParameterStore(scope, false),
                        scope.create(in, new Shape(batch.size(), length, c)), false).toFloatArray();
            }
            for (int i = 0; i < batch.size(); i++) {
                String word = words.get(batch.get(i)).word();
                double[] sum = sums.computeIfAbsent(word, k -> new double[d]);
                for (int k = 0; k < d; k++) {
                    sum[k] += encoded[i * d + k];
                }
            }
        }
        Map<String, double[]> means = new TreeMap<>();
        double[] centre = new double[d];
        sums.forEach((word, sum) -> {
            int count = occurrences.get(word);
            if (count >= minCount) {
                double[] v = new double[d];
                for (int k = 0; k < d; k++) {
                    v[k] = sum[k] / count;
                    centre[k] += v[k];
                }
                means.put(word, v);
            }
        });
        Map<String, float[]> out = new TreeMap<>();
        means.forEach((word, v) -> {
            float[] centred = new float[d];
            for (int k = 0; k < d; k++) {
                centred[k] = (float) (v[k] - centre[k] / means.size());
            }
            out.put(word, centred);
        });
        return out;
    }
}
