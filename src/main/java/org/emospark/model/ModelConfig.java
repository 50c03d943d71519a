package org.emospark.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * The shape of the speech-emotion network (Tzirakis et al., ICASSP 2021, see {@code shared/paper.md}),
 * immutable and checked at the door. {@link #faithful()} is the authors' released TensorFlow code.
 *
 * <p>Frames: a frame holds {@code frameSamples = round(sampleRate * frameSeconds)} samples and the network
 * sees {@code frameInput = 2 * frameSamples} values per frame (the subject half, then the interlocutor half).
 * A window of {@code T} frames enters the CNN as one signal of {@code T * frameInput} samples.
 *
 * <p>The reshape constraint. The CNN pools by {@code P = product(pools)} (250 in the faithful model) and its
 * last layer has {@code C} filters; its output of {@code T * frameInput / P} positions times {@code C}
 * channels is cut time-major into {@code T} frames of {@code F = frameInput * C / P} values each. This needs
 * <ul>
 *   <li>{@code frameInput * C} divisible by {@code P} (a whole number of features per frame), and</li>
 *   <li>{@code T * frameInput} divisible by {@code P} (every pooling stage divides exactly), i.e. {@code T} a
 *       multiple of {@link #windowFrameMultiple()} {@code = P / gcd(frameInput, P)}.</li>
 * </ul>
 * Faithful: 4410 * 250 / 250 = 4410 features, T a multiple of 250 / gcd(4410, 250) = 25. At 16 kHz:
 * frameInput 3200, F = 3200, T a multiple of 5.
 *
 * @param sampleRate audio sample rate in Hz (faithful 22050)
 * @param frameSeconds frame hop and length in seconds (faithful 0.1)
 * @param cnnFilters filters of the three 1-D convolutions (faithful 50, 125, 250)
 * @param cnnKernels their kernel lengths, TensorFlow 'same' padding (faithful 8, 6, 6)
 * @param pools max-pool size = stride after each convolution (faithful 10, 5, 5)
 * @param dropout dropout rate after each CNN layer (faithful 0.5)
 * @param projection width of the per-stream projections x_p', x_s' (faithful 1024)
 * @param streamSize width of the fusion streams n_i and of the fused vector f (faithful 512)
 * @param lstmUnits LSTM units (faithful 256)
 * @param cellClip LSTM cell clip, c_t is clipped to [-cellClip, cellClip] (faithful 100)
 * @param forgetBias constant added to the forget-gate pre-activation (faithful 1)
 * @param outputs regression outputs: arousal, valence, liking (faithful 3)
 * @param fusion attention fusion (the paper) or concatenation (its ablation)
 * @param streams which feature streams the network sees
 * @param lossWeights per-output weights of the 1 - CCC loss
 * @param semanticDims dimensions of a word vector x_s (faithful 100)
 * @param windowFrames frames per training window (faithful code 100; paper 300)
 * @param normalizeLevel scale each recording so its subject's speech level lands at a fixed level before the CNN
 *                       hears it ({@code frames.InputLevel}; faithful false)
 * @param prosody append {@link ProsodyFeatures} (energy contour, voicing, pitch of each frame half) to the CNN's
 *                features (faithful false)
 * @param speakingRate append the speaking rate of each frame's utterance ({@code frames.SpeakingRate}) to the word
 *                     vector x_s, so the semantic stream takes {@link #semanticInputs()} values per frame (faithful
 *                     false; left out of the JSON when false, so that older models keep their ids)
 * @param bidirectional a second LSTM reads each window backwards beside the first, and the head sees both
 *                      ({@link #lstmOutputs()} values per frame): every frame hears the rest of its window, which
 *                      a batch scorer of archives has. Such a model scores window by window, never carrying the
 *                      LSTM's state (faithful false; left out of the JSON when false)
 * @param prosodyContext append {@link ProsodyContext} (the subject's voiced energy, pitch and talk share over
 *                       0.5-4 s around each frame) after the {@link ProsodyFeatures}; needs {@code prosody}
 *                       (faithful false; left out of the JSON when false)
 * @param smoothSeconds each output is replaced by its mean over a centred window of about this many seconds of the
 *                      recording after the network ({@link #smoothingHalfWidth()} frames either side, fewer at the
 *                      recording's edges; {@code model.predict.OutputSmoothing}), as AVEC's baselines post-process
 *                      continuous predictions; 0: none (faithful 0; left out of the JSON when 0)
 * @param priorSmoothing after that, each recording's outputs are conditioned on how the Train labels move in time,
 *                       trusting the frames in which the subject speaks ({@code model.predict.PriorSmoothing}, with the
 *                       {@code model.predict.LabelPrior} fitted when the model is trained and stored in its manifest)
 *                       (faithful false; left out of the JSON when false)
 * @param timingLevel after that, each recording's outputs are moved towards the level its subject's speaking rate and
 *                    pauses say ({@code model.predict.TimingLevel}, fitted on the Train utterances when the model is
 *                    trained, its weights chosen on Devel, stored in its manifest) (faithful false; left out of the JSON
 *                    when false)
 */
public record ModelConfig(
        int sampleRate,
        double frameSeconds,
        List<Integer> cnnFilters,
        List<Integer> cnnKernels,
        List<Integer> pools,
        double dropout,
        int projection,
        int streamSize,
        int lstmUnits,
        double cellClip,
        double forgetBias,
        int outputs,
        Fusion fusion,
        Streams streams,
        LossWeights lossWeights,
        int semanticDims,
        int windowFrames,
        boolean normalizeLevel,
        boolean prosody,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean speakingRate,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean bidirectional,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean prosodyContext,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double smoothSeconds,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean priorSmoothing,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean timingLevel)
        implements Serializable {

    /** A config without the timing level, as models were before it. */
    public ModelConfig(int sampleRate, double frameSeconds, List<Integer> cnnFilters, List<Integer> cnnKernels,
                       List<Integer> pools, double dropout, int projection, int streamSize, int lstmUnits, double cellClip,
                       double forgetBias, int outputs, Fusion fusion, Streams streams, LossWeights lossWeights,
                       int semanticDims, int windowFrames, boolean normalizeLevel, boolean prosody, boolean speakingRate,
                       boolean bidirectional, boolean prosodyContext, double smoothSeconds, boolean priorSmoothing) {
        this(sampleRate, frameSeconds, cnnFilters, cnnKernels, pools, dropout, projection, streamSize, lstmUnits, cellClip,
                forgetBias, outputs, fusion, streams, lossWeights, semanticDims, windowFrames, normalizeLevel, prosody,
                speakingRate, bidirectional, prosodyContext, smoothSeconds, priorSmoothing, false);
    }

    /** A config without prior smoothing, as models were before it. */
    public ModelConfig(int sampleRate, double frameSeconds, List<Integer> cnnFilters, List<Integer> cnnKernels,
                       List<Integer> pools, double dropout, int projection, int streamSize, int lstmUnits, double cellClip,
                       double forgetBias, int outputs, Fusion fusion, Streams streams, LossWeights lossWeights,
                       int semanticDims, int windowFrames, boolean normalizeLevel, boolean prosody, boolean speakingRate,
                       boolean bidirectional, boolean prosodyContext, double smoothSeconds) {
        this(sampleRate, frameSeconds, cnnFilters, cnnKernels, pools, dropout, projection, streamSize, lstmUnits, cellClip,
                forgetBias, outputs, fusion, streams, lossWeights, semanticDims, windowFrames, normalizeLevel, prosody,
                speakingRate, bidirectional, prosodyContext, smoothSeconds, false);
    }

    /** How the two projected streams are combined. */
    public enum Fusion {
        /** z = Att(x_p', x_s'); n_i = ReLU(FC_i(z)), i = 1..3; f = Att(Att(n_1, n_2), n_3). */
        ATTENTION,
        /** The paper's ablation: concatenate x_p' and x_s', then ReLU(FC 512). */
        CONCAT
    }

    /** Which feature streams feed the network. */
    public enum Streams {
        BOTH(true, true),
        PARALINGUISTIC(true, false),
        SEMANTIC(false, true);

        private final boolean paralinguistic;
        private final boolean semantic;

        Streams(boolean paralinguistic, boolean semantic) {
            this.paralinguistic = paralinguistic;
            this.semantic = semantic;
        }

        public boolean usesParalinguistic() {
            return paralinguistic;
        }

        public boolean usesSemantic() {
            return semantic;
        }

        public int count() {
            return (paralinguistic ? 1 : 0) + (semantic ? 1 : 0);
        }
    }

    /** Weights of the per-output {@code 1 - CCC} terms of the loss. */
    public enum LossWeights {
        /** All outputs weigh 1: the sane default. */
        EQUAL,
        /** Output d (0-based) weighs 1 / (d + 1): 1, 1/2, 1/3 as in the authors' code (likely a bug). */
        FAITHFUL;

        /** The weight of each of {@code outputs} outputs. */
        public double[] weights(int outputs) {
            double[] w = new double[outputs];
            for (int d = 0; d < outputs; d++) {
                w[d] = switch (this) {
                    case EQUAL -> 1.0;
                    case FAITHFUL -> 1.0 / (d + 1);
                };
            }
            return w;
        }
    }

    /** Without level normalisation and prosody, as in the authors' code. */
    public ModelConfig(int sampleRate, double frameSeconds, List<Integer> cnnFilters, List<Integer> cnnKernels,
                       List<Integer> pools, double dropout, int projection, int streamSize, int lstmUnits, double cellClip,
                       double forgetBias, int outputs, Fusion fusion, Streams streams, LossWeights lossWeights,
                       int semanticDims, int windowFrames) {
        this(sampleRate, frameSeconds, cnnFilters, cnnKernels, pools, dropout, projection, streamSize, lstmUnits, cellClip,
                forgetBias, outputs, fusion, streams, lossWeights, semanticDims, windowFrames, false, false, false, false, false, 0);
    }

    public ModelConfig {
        if (sampleRate < 1000 || sampleRate > 384000) {
            throw new IllegalArgumentException("Sample rate must be between 1000 and 384000 Hz, cannot be: " + sampleRate);
        }
        if (!(frameSeconds > 0) || frameSeconds > 10) {
            throw new IllegalArgumentException("Frame length must be in (0, 10] seconds, cannot be: " + frameSeconds);
        }
        cnnFilters = positives("CNN filters", cnnFilters);
        cnnKernels = positives("CNN kernels", cnnKernels);
        pools = positives("Pool sizes", pools);
        if (cnnFilters.size() != cnnKernels.size() || cnnFilters.size() != pools.size()) {
            throw new IllegalArgumentException("CNN filters, kernels and pools must have one entry per layer, cannot be: "
                    + cnnFilters + ", " + cnnKernels + ", " + pools);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), cannot be: " + dropout);
        }
        positive("Projection width", projection);
        positive("Stream size", streamSize);
        positive("LSTM units", lstmUnits);
        if (!(cellClip > 0)) {
            throw new IllegalArgumentException("Cell clip must be positive, cannot be: " + cellClip);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new IllegalArgumentException("Forget bias must be finite, cannot be: " + forgetBias);
        }
        positive("Outputs", outputs);
        if (fusion == null || streams == null || lossWeights == null) {
            throw new IllegalArgumentException("Fusion, streams and loss weights must be set, cannot be: "
                    + fusion + ", " + streams + ", " + lossWeights);
        }
        if (prosodyContext && !prosody) {
            throw new IllegalArgumentException("Prosodic context is pooled from the prosodic descriptors: "
                    + "it needs prosody on");
        }
        if (!(smoothSeconds >= 0 && smoothSeconds <= 600)) {
            throw new IllegalArgumentException("Smoothing must be between 0 and 600 seconds, cannot be: " + smoothSeconds);
        }
        positive("Semantic dimensions", semanticDims);
        positive("Window frames", windowFrames);
        long frameInput = 2L * Math.round(sampleRate * frameSeconds);
        long poolProduct = 1;
        for (int p : pools) {
            poolProduct *= p;
        }
        int lastFilters = cnnFilters.get(cnnFilters.size() - 1);
        if (streams.usesParalinguistic()) {
            if (frameInput * lastFilters % poolProduct != 0) {
                throw new IllegalArgumentException("The CNN output cannot be cut into whole frames: frame input "
                        + frameInput + " x last filters " + lastFilters + " must be divisible by the pool product "
                        + poolProduct + " (sample rate " + sampleRate + ", frame " + frameSeconds + " s)");
            }
            long multiple = poolProduct / gcd(frameInput, poolProduct);
            if (windowFrames % multiple != 0) {
                throw new IllegalArgumentException("Window frames must be a multiple of " + multiple
                        + " so that " + windowFrames + " x " + frameInput + " samples pool exactly by " + poolProduct
                        + ", cannot be: " + windowFrames);
            }
        }
    }

    /** The authors' released code: 22.05 kHz, 100 ms frames, 50/125/250 filters, attention fusion, 1, 1/2, 1/3. */
    public static ModelConfig faithful() {
        return new ModelConfig(22050, 0.1, List.of(50, 125, 250), List.of(8, 6, 6), List.of(10, 5, 5), 0.5,
                1024, 512, 256, 100.0, 1.0, 3, Fusion.ATTENTION, Streams.BOTH, LossWeights.FAITHFUL, 100, 100);
    }

    /** Samples per frame, {@code round(sampleRate * frameSeconds)}: 2205 for the faithful model. */
    public int frameSamples() {
        return (int) Math.round(sampleRate * frameSeconds);
    }

    /** Values per frame entering the CNN, both turn halves: 4410 for the faithful model. */
    public int frameInput() {
        return 2 * frameSamples();
    }

    /** The product of the pool sizes, the CNN's total downsampling: 250 for the faithful model. */
    public int poolProduct() {
        int p = 1;
        for (int s : pools) {
            p *= s;
        }
        return p;
    }

    /**
     * Per-frame paralinguistic features x_p: the CNN's {@link #cnnFeatures()}, then {@link ProsodyFeatures#PER_FRAME}
     * more with {@link #prosody()}, then {@link ProsodyContext#PER_FRAME} with {@link #prosodyContext()}. 4410
     * faithful.
     */
    public int paralinguisticFeatures() {
        return cnnFeatures() + (prosody ? ProsodyFeatures.PER_FRAME : 0)
                + (prosodyContext ? ProsodyContext.PER_FRAME : 0);
    }

    /** Values per frame of the semantic stream's input x_s: the word vector, then the speaking rate if read. */
    public int semanticInputs() {
        return semanticDims + (speakingRate ? 1 : 0);
    }

    /** Values per frame the LSTM hands the head: its units, twice when {@link #bidirectional()}. */
    public int lstmOutputs() {
        return lstmUnits * (bidirectional ? 2 : 1);
    }

    /** Per-frame features of the CNN alone, {@code frameInput * lastFilters / poolProduct}: 4410 faithful. */
    public int cnnFeatures() {
        return (int) ((long) frameInput() * cnnFilters.get(cnnFilters.size() - 1) / poolProduct());
    }

    /**
     * Frames either side of a frame that {@link #smoothSeconds()} averages it with: the window's half length in frames,
     * rounded, so 2 s of 100 ms frames average 10 either side (21 frames); 0 when there is no smoothing.
     */
    public int smoothingHalfWidth() {
        return (int) Math.round(smoothSeconds / (2 * frameSeconds));
    }

    /** Window lengths must be a multiple of this, {@code P / gcd(frameInput, P)}: 25 for the faithful model. */
    public int windowFrameMultiple() {
        return (int) (poolProduct() / gcd(frameInput(), poolProduct()));
    }

    /**
     * Checks that a window of {@code frames} frames can go through the CNN.
     *
     * @throws IllegalArgumentException naming the required multiple
     */
    public void requireWindow(long frames) {
        if (frames < 1 || frames % windowFrameMultiple() != 0) {
            throw new IllegalArgumentException("A window must hold a positive multiple of " + windowFrameMultiple()
                    + " frames for the CNN output to reshape to [T, " + paralinguisticFeatures() + "] (frame input "
                    + frameInput() + ", pool product " + poolProduct() + "), cannot be: " + frames);
        }
    }

    public ModelConfig withFusion(Fusion value) {
        return toBuilder().fusion(value).build();
    }

    public ModelConfig withStreams(Streams value) {
        return toBuilder().streams(value).build();
    }

    public ModelConfig withLossWeights(LossWeights value) {
        return toBuilder().lossWeights(value).build();
    }

    public ModelConfig withSampleRate(int value) {
        return toBuilder().sampleRate(value).build();
    }

    public ModelConfig withWindowFrames(int value) {
        return toBuilder().windowFrames(value).build();
    }

    public ModelConfig withDropout(double value) {
        return toBuilder().dropout(value).build();
    }

    public ModelConfig withSmoothSeconds(double value) {
        return toBuilder().smoothSeconds(value).build();
    }

    /** A builder starting from this config, so a change names only what it changes. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable twin of the record; {@link #build()} checks the whole config as the constructor does. */
    public static final class Builder {
        private int sampleRate;
        private double frameSeconds;
        private List<Integer> cnnFilters;
        private List<Integer> cnnKernels;
        private List<Integer> pools;
        private double dropout;
        private int projection;
        private int streamSize;
        private int lstmUnits;
        private double cellClip;
        private double forgetBias;
        private int outputs;
        private Fusion fusion;
        private Streams streams;
        private LossWeights lossWeights;
        private int semanticDims;
        private int windowFrames;
        private boolean normalizeLevel;
        private boolean prosody;
        private boolean speakingRate;
        private boolean bidirectional;
        private boolean prosodyContext;
        private double smoothSeconds;
        private boolean priorSmoothing;
        private boolean timingLevel;

        private Builder(ModelConfig c) {
            sampleRate = c.sampleRate;
            frameSeconds = c.frameSeconds;
            cnnFilters = c.cnnFilters;
            cnnKernels = c.cnnKernels;
            pools = c.pools;
            dropout = c.dropout;
            projection = c.projection;
            streamSize = c.streamSize;
            lstmUnits = c.lstmUnits;
            cellClip = c.cellClip;
            forgetBias = c.forgetBias;
            outputs = c.outputs;
            fusion = c.fusion;
            streams = c.streams;
            lossWeights = c.lossWeights;
            semanticDims = c.semanticDims;
            windowFrames = c.windowFrames;
            normalizeLevel = c.normalizeLevel;
            prosody = c.prosody;
            speakingRate = c.speakingRate;
            bidirectional = c.bidirectional;
            prosodyContext = c.prosodyContext;
            smoothSeconds = c.smoothSeconds;
            priorSmoothing = c.priorSmoothing;
            timingLevel = c.timingLevel;
        }

        public Builder sampleRate(int v) { sampleRate = v; return this; }
        public Builder frameSeconds(double v) { frameSeconds = v; return this; }
        public Builder cnnFilters(List<Integer> v) { cnnFilters = v; return this; }
        public Builder cnnKernels(List<Integer> v) { cnnKernels = v; return this; }
        public Builder pools(List<Integer> v) { pools = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder projection(int v) { projection = v; return this; }
        public Builder streamSize(int v) { streamSize = v; return this; }
        public Builder lstmUnits(int v) { lstmUnits = v; return this; }
        public Builder cellClip(double v) { cellClip = v; return this; }
        public Builder forgetBias(double v) { forgetBias = v; return this; }
        public Builder outputs(int v) { outputs = v; return this; }
        public Builder fusion(Fusion v) { fusion = v; return this; }
        public Builder streams(Streams v) { streams = v; return this; }
        public Builder lossWeights(LossWeights v) { lossWeights = v; return this; }
        public Builder semanticDims(int v) { semanticDims = v; return this; }
        public Builder windowFrames(int v) { windowFrames = v; return this; }
        public Builder normalizeLevel(boolean v) { normalizeLevel = v; return this; }
        public Builder prosody(boolean v) { prosody = v; return this; }
        public Builder speakingRate(boolean v) { speakingRate = v; return this; }
        public Builder bidirectional(boolean v) { bidirectional = v; return this; }
        public Builder prosodyContext(boolean v) { prosodyContext = v; return this; }
        public Builder smoothSeconds(double v) { smoothSeconds = v; return this; }
        public Builder priorSmoothing(boolean v) { priorSmoothing = v; return this; }
        public Builder timingLevel(boolean v) { timingLevel = v; return this; }

        public ModelConfig build() {
            return new ModelConfig(sampleRate, frameSeconds, cnnFilters, cnnKernels, pools, dropout, projection,
                    streamSize, lstmUnits, cellClip, forgetBias, outputs, fusion, streams, lossWeights, semanticDims,
                    windowFrames, normalizeLevel, prosody, speakingRate, bidirectional, prosodyContext, smoothSeconds,
                    priorSmoothing, timingLevel);
        }
    }

    private static List<Integer> positives(String what, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must list at least one layer, cannot be: " + values);
        }
        for (Integer v : values) {
            if (v == null || v < 1) {
                throw new IllegalArgumentException(what + " must all be at least 1, cannot be: " + values);
            }
        }
        return List.copyOf(values);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, cannot be: " + value);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
