package org.emospark.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forward-pass cost of the network per second of audio, counted layer by layer from the config (a
 * multiply-add is 2 FLOPs; activations, pooling, softmax and the LSTM's elementwise gate arithmetic are left
 * out as they are a small fraction). Used by the benchmark to say how close training runs to this machine's
 * compute limit.
 */
public final class ModelFlops {
    private ModelFlops() {
    }

    /** FLOPs per audio second, per block, in forward order. */
    public static Map<String, Double> perAudioSecond(ModelConfig c) {
        Map<String, Double> flops = new LinkedHashMap<>();
        double framesPerSecond = 1.0 / c.frameSeconds();
        if (c.streams().usesParalinguistic()) {
            // The CNN runs over frameInput values per frame: both turn halves, one of them zeros.
            double positions = c.frameInput() * framesPerSecond;
            int channels = 1;
            for (int i = 0; i < c.cnnFilters().size(); i++) {
                int filters = c.cnnFilters().get(i);
                flops.put("conv" + (i + 1), 2.0 * positions * filters * channels * c.cnnKernels().get(i));
                positions /= c.pools().get(i);
                channels = filters;
            }
            flops.put("paralinguisticProjection", 2.0 * framesPerSecond * c.paralinguisticFeatures() * c.projection());
        }
        if (c.streams().usesSemantic()) {
            flops.put("semanticProjection", 2.0 * framesPerSecond * c.semanticInputs() * c.projection());
        }
        double fused = switch (c.fusion()) {
            case ATTENTION -> 3.0 * c.projection() * c.streamSize();
            case CONCAT -> (double) c.streams().count() * c.projection() * c.streamSize();
        };
        flops.put("fusion", 2.0 * framesPerSecond * fused);
        int directions = c.bidirectional() ? 2 : 1;
        flops.put("lstm", 2.0 * framesPerSecond * directions * 4 * (c.streamSize() + c.lstmUnits()) * c.lstmUnits());
        flops.put("head", 2.0 * framesPerSecond * c.lstmOutputs() * c.outputs());
        return flops;
    }

    public static double totalPerAudioSecond(ModelConfig c) {
        return perAudioSecond(c).values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
