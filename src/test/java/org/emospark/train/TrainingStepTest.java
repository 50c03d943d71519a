package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.frames.Windows;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.data.NetworkInputs;
import org.emospark.model.predict.RecordingPredictor;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    /**
     * Steps and predictions leave no array in the manager the network was initialised in: each batch's temporaries close
     * with the batch. Before, the LSTM's peephole products and kernel splits and the convolution's padded kernels stayed
     * there with the autograd graphs they belonged to, and training grew by gigabytes an epoch on long recordings.
     */
    @Test
    void stepsAndPredictionsLeaveNothingInTheNetworksManager() {
        for (ModelConfig config : List.of(ModelTrainerTest.CONFIG, ModelTrainerTest.CONFIG.toBuilder().bidirectional(true).build(),
                ModelTrainerTest.CONFIG.toBuilder().fusion(ModelConfig.Fusion.CONCAT).build())) {
            Engine.getInstance().setRandomSeed(5);
            Map<String, RecordingExample> byId = new LinkedHashMap<>();
            ModelTrainerTest.TRAIN.forEach(r -> byId.put(r.recordingId(), r));
            List<Window> windows = new ArrayList<>();
            for (RecordingExample r : ModelTrainerTest.TRAIN) {
                windows.addAll(Windows.of(r.recordingId(), r.numFrames(), config.windowFrames(), Windows.LastWindow.DROP));
            }
            BatchAssembler assembler = BatchAssembler.of(config, byId);
            try (NDManager root = NDManager.newBaseManager()) {
                SpeechEmotionNet net = new SpeechEmotionNet(config);
                net.initialize(root, DataType.FLOAT32, NetworkInputs.shapes(config, 4));
                TrainingStep step = new TrainingStep(net, ModelTrainerTest.SETTINGS);
                // The first update creates Adam's state beside the parameters: that stays, by design.
                step.run(root, assembler.assemble(windows.subList(0, 4)));
                int kept = root.getManagedArrays().size();
                for (int from = 4; from + 4 <= windows.size(); from += 4) {
                    assertTrue(Float.isFinite((float) step.run(root, assembler.assemble(windows.subList(from, from + 4)))));
                }
                assertEquals(kept, root.getManagedArrays().size(), config + ": after training steps");
                new RecordingPredictor(net, config, 3).predict(root, ModelTrainerTest.DEVEL);
                assertEquals(kept, root.getManagedArrays().size(), config + ": after predictions");
            }
        }
    }
}
