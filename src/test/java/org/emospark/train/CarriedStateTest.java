package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.data.NetworkInputs;
import org.emospark.model.predict.InferenceMode;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.WindowMode;
import org.junit.jupiter.api.Test;

class CarriedStateTest {
    private static final int T = ModelTrainerTest.CONFIG.windowFrames();

    /**
     * Two rows side by side, window after window: row 0 carries its state and must give what streaming its recording
     * gives; row 1 never continues and must give what faithful windows give; the last step runs row 0 alone.
     */
    @Test
    void rowsThatContinueStreamAndRowsThatStartAfreshRunFaithfully() {
        Engine.getInstance().setRandomSeed(3);
        List<RecordingExample> recordings = ModelTrainerTest.DEVEL.subList(0, 2);
        RecordingExample a = recordings.get(0);
        RecordingExample b = recordings.get(1);
        Map<String, RecordingExample> byId = new LinkedHashMap<>();
        recordings.forEach(r -> byId.put(r.recordingId(), r));
        try (NDManager manager = NDManager.newBaseManager(); InferenceMode off = InferenceMode.enter()) {
            SpeechEmotionNet net = new SpeechEmotionNet(ModelTrainerTest.CONFIG);
            net.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(ModelTrainerTest.CONFIG, 2));
            Map<String, float[][]> streamed = new RecordingPredictor(net, ModelTrainerTest.CONFIG, 2, WindowMode.STREAMING)
                    .predict(manager, recordings);
            Map<String, float[][]> faithful = new RecordingPredictor(net, ModelTrainerTest.CONFIG, 2)
                    .predict(manager, recordings);
            BatchAssembler assembler = BatchAssembler.of(ModelTrainerTest.CONFIG, byId);
            int windows = a.numFrames() / T;
            try (CarriedState state = new CarriedState(manager)) {
                for (int s = 0; s < windows; s++) {
                    boolean last = s == windows - 1;
                    List<Window> rows = last ? List.of(window(a, s)) : List.of(window(a, s), window(b, s));
                    boolean[] continues = last ? new boolean[] {true} : new boolean[] {s > 0, false};
                    try (NDManager step = manager.newSubManager()) {
                        NDArray[] start = state.start(step, continues);
                        if (s == 0) {
                            assertNull(start, "no row continues at the first step");
                        }
                        NDList out = net.forwardCarried(new ParameterStore(step, false),
                                NetworkInputs.of(step, ModelTrainerTest.CONFIG, assembler.assemble(rows)),
                                start == null ? null : start[0], start == null ? null : start[1], false, null);
                        state.keep(out.get(1), out.get(2));
                        float[] y = out.get(0).toFloatArray();
                        for (int r = 0; r < rows.size(); r++) {
                            float[][] expected = r == 0 ? streamed.get(a.recordingId()) : faithful.get(b.recordingId());
                            for (int f = 0; f < T; f++) {
                                float[] got = Arrays.copyOfRange(y, (r * T + f) * 3, (r * T + f) * 3 + 3);
                                assertArrayEquals(expected[s * T + f], got, 1e-5f, "step " + s + " row " + r + " frame " + f);
                            }
                        }
                    }
                }
            }
            assertFalse(Arrays.equals(streamed.get(a.recordingId())[T], faithful.get(a.recordingId())[T]),
                    "streaming and faithful differ after the first window, so the comparison means something");
        }
    }

    @Test
    void aRowCannotContinueWhatNoStepRan() {
        try (NDManager manager = NDManager.newBaseManager(); CarriedState state = new CarriedState(manager)) {
            assertThrows(IllegalStateException.class, () -> state.start(manager, new boolean[] {true}));
            state.keep(manager.zeros(new Shape(1, 4)), manager.zeros(new Shape(1, 4)));
            assertThrows(IllegalStateException.class, () -> state.start(manager, new boolean[] {true, true}));
            assertEquals(1, state.start(manager, new boolean[] {true})[0].getShape().get(0));
        }
    }

    @Test
    void aBidirectionalNetworkHasNoStateToCarryAndIsRefusedAtTheDoor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelTrainer(
                ModelTrainerTest.CONFIG.toBuilder().bidirectional(true).build(),
                ModelTrainerTest.SETTINGS.withCarryState(true), line -> { }));
        assertTrue(e.getMessage().contains("emospark.train.carryState"), e.getMessage());
        new ModelTrainer(ModelTrainerTest.CONFIG.toBuilder().bidirectional(true).build(), ModelTrainerTest.SETTINGS,
                line -> { });
    }

    private static Window window(RecordingExample r, int index) {
        return new Window(r.recordingId(), index * T, T, T);
    }
}
