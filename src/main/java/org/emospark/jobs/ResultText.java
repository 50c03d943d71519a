package org.emospark.jobs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.emospark.evaluate.EvaluateResult.ModelEvaluation;
import org.emospark.evaluate.Baselines;
import org.emospark.evaluate.EvaluateResult;
import org.emospark.features.embedding.EmbedResult;
import org.emospark.features.paralinguistic.ParalinguisticFramesResult;
import org.emospark.features.semantic.SemanticFramesResult;
import org.emospark.ingest.IngestResult;
import org.emospark.lake.MergeCounts;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;
import org.emospark.scoring.ScoreResult.Selection;
import org.emospark.scoring.ScoreResult;
import org.emospark.scoring.ScoringBenchmark;
import org.emospark.sql.CatalogSync;
import org.emospark.train.FusionRun;
import org.emospark.train.FusionSweepResult;
import org.emospark.train.ImportModelResult;
import org.emospark.train.TrainResult;

/**
 * How each action's result reads on the console. Actions return plain result records; this is the one place
 * that turns them into text, so the wording of every job's report lives beside the jobs that print it.
 */
public final class ResultText {
    private ResultText() {
    }

    /** {@link EvaluateResult} as the console shows it. */
    public static String of(EvaluateResult r) {
        String split = r.split();
        List<ModelEvaluation> models = r.models();
        Path comparison = r.comparison();
        double seconds = r.seconds();
        StringBuilder s = new StringBuilder();
        s.append(String.format("Evaluated %d model(s) on %s (%d recordings)%n", models.size(), split,
                models.get(0).result().recordings().size()));
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s %8s%n", "model", "aggregate", "CCC A", "CCC V", "CCC L", "mean"));
        for (ModelEvaluation m : models) {
            row(s, m.result().modelId(), "concatenated", m.result().concatenated());
            row(s, "", "recording mean", m.result().perRecordingMean());
        }
        for (Baselines.Score b : r.baselines()) {
            row(s, b.kind().label(), "concatenated", b.concatenated());
        }
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s%n", "model", "", "Pearson A", "Pearson V", "Pearson L"));
        for (ModelEvaluation m : models) {
            DimensionScores c = m.result().concatenated();
            s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f%n", m.result().modelId(), "concatenated",
                    c.get(Dimension.AROUSAL).pearson(), c.get(Dimension.VALENCE).pearson(), c.get(Dimension.LIKING).pearson()));
        }
        s.append('\n');
        for (ModelEvaluation m : models) {
            for (Map.Entry<String, String> e : m.skipped().entrySet()) {
                s.append(String.format("  left out: %s (%s)%n", e.getKey(), e.getValue()));
            }
            s.append(String.format("  report:   %s%n", m.report()));
            s.append(String.format("  %s%n", m.written()));
        }
        if (comparison != null) {
            s.append(String.format("  comparison: %s%n", comparison));
        }
        s.append(String.format("  time:     %.1f s%n", seconds));
        return s.toString();
    }

    private static void row(StringBuilder s, String model, String aggregate, DimensionScores d) {
        s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f %8.3f%n", model, aggregate, d.arousal().ccc(),
                d.valence().ccc(), d.liking().ccc(), d.meanCcc()));
    }

    /** {@link SemanticFramesResult} as the console shows it. */
    public static String of(SemanticFramesResult r) {
        String embeddingSet = r.embeddingSet();
        long recordings = r.recordings();
        long frames = r.frames();
        long framesWithWord = r.framesWithWord();
        long framesWithUnknownWord = r.framesWithUnknownWord();
        MergeCounts table = r.table();
        double elapsedSeconds = r.elapsedSeconds();

        return String.format("Semantic frames from embedding set %s, words of: %s%n"
                        + "  %d recordings, %d frames (%.1f%% with a word; %d of those with an out-of-vocabulary word)%n"
                        + "  %s (version %d)%n  time: %.1f s (%.0f frames per second)%n",
                embeddingSet, r.wordSpeakers(), recordings, frames, frames == 0 ? 0 : 100.0 * framesWithWord / frames,
                framesWithUnknownWord, table, table.version(), elapsedSeconds, r.framesPerSecond());
    }

    /** {@link EmbedResult} as the console shows it. */
    public static String of(EmbedResult r) {
        String embeddingSet = r.embeddingSet();
        String source = r.source();
        int dims = r.dims();
        long vocabularySize = r.vocabularySize();
        long sentences = r.sentences();
        long tokens = r.tokens();
        org.emospark.features.embedding.ValenceNeighbours.Result neighbours = r.neighbours();
        List<MergeCounts> tables = r.tables();
        double elapsedSeconds = r.elapsedSeconds();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Embedding set %s (%s): %d words x %d dims%n", embeddingSet, source, vocabularySize,
                dims));
        if (sentences > 0) {
            sb.append(String.format("  trained on %d sentences, %d tokens%n", sentences, tokens));
        }
        if (neighbours != null) {
            sb.append("  ").append(neighbours.describe()).append(System.lineSeparator());
        }
        for (MergeCounts c : tables) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time: %.1f s%n", elapsedSeconds));
        return sb.toString();
    }

    /** {@link ImportModelResult} as the console shows it. */
    public static String of(ImportModelResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s model %s from %s%n", r.copied() ? "Imported" : "Already holding", r.modelId(), r.from()));
        s.append(String.format("  trained on: %s%n", r.trainedOnVersions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " v" + e.getValue()).collect(Collectors.joining(", "))));
        if (r.embeddingSet() != null) {
            s.append(String.format("  embedding set: %s (build this lake's semantic frames with "
                    + "features --semantic --embeddings %s)%n", r.embeddingSet(), r.embeddingSet()));
        }
        for (MergeCounts c : r.tables()) {
            s.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        s.append(String.format("  time: %.1f s%n", r.seconds()));
        return s.toString();
    }

    /** {@link ParalinguisticFramesResult} as the console shows it. */
    public static String of(ParalinguisticFramesResult r) {
        String modelId = r.modelId();
        int dims = r.dims();
        long recordings = r.recordings();
        long computed = r.computed();
        Map<String, Long> rejectedByReason = r.rejectedByReason();
        long frames = r.frames();
        double audioSeconds = r.audioSeconds();
        double computeSeconds = r.computeSeconds();
        MergeCounts table = r.table();
        MergeCounts rejects = r.rejects();
        double seconds = r.seconds();
        StringBuilder s = new StringBuilder();
        s.append(String.format("Paralinguistic frames from the CNN of model %s (%d values per frame)%n", modelId, dims));
        s.append(String.format("  recordings: %d, %d computed, %d rejected%s%n", recordings, computed, r.rejected(),
                rejectedByReason.isEmpty() ? "" : " (" + rejectedByReason.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        s.append(String.format("  frames:     %d (%.1f s of audio)%n", frames, audioSeconds));
        s.append(String.format("  %s (version %d)%n", table, table.version()));
        s.append(String.format("  %s (version %d)%n", rejects, rejects.version()));
        s.append(String.format("  CNN pass:   %.1f s (%.1f s of audio per second)%n", computeSeconds,
                computeSeconds > 0 ? audioSeconds / computeSeconds : 0));
        s.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", seconds,
                seconds > 0 ? audioSeconds / seconds : 0));
        return s.toString();
    }

    /** {@link IngestResult} as the console shows it. */
    public static String of(IngestResult r) {
        String input = r.input();
        String layout = r.layout();
        String warehouse = r.warehouse();
        int recordingsFound = r.recordingsFound();
        long recordingsIngested = r.recordingsIngested();
        long recordingsUnchanged = r.recordingsUnchanged();
        double audioSeconds = r.audioSeconds();
        Map<String, Long> rejectsByReason = r.rejectsByReason();
        Map<String, MergeCounts> tables = r.tables();
        double elapsedSeconds = r.elapsedSeconds();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Ingested %s (%s layout) into %s%n", input, layout, warehouse));
        sb.append(String.format("  recordings: %d found, %d ingested (%.1f s of audio), %d unchanged since the last ingest%n",
                recordingsFound, recordingsIngested, audioSeconds, recordingsUnchanged));
        sb.append(String.format("  rejects:    %d%s%n", r.rejectCount(), rejectsByReason.isEmpty() ? ""
                : " (" + rejectsByReason.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + "; see the rejects table)"));
        for (MergeCounts c : tables.values()) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", elapsedSeconds, r.throughput()));
        return sb.toString();
    }

    /** {@link FusionSweepResult} as the console shows it. */
    public static String of(FusionSweepResult result) {
        String sweep = result.sweep();
        String sourceModelId = result.sourceModelId();
        List<FusionSweepResult.Row> rows = result.rows();
        String bestModelId = result.bestModelId();
        Map<String, String> skipped = result.skipped();
        MergeCounts registered = result.registered();
        EvaluateResult devel = result.devel();
        double trainSeconds = result.trainSeconds();
        double seconds = result.seconds();
        StringBuilder s = new StringBuilder();
        long trained = rows.stream().filter(FusionSweepResult.Row::trained).count();
        s.append(String.format("Fusion sweep %s from the CNN features of model %s: %d configuration(s), %d trained, %d kept "
                + "as already trained, %d failed%n", sweep, sourceModelId, rows.size(), trained,
                rows.size() - trained - result.failed().size(), result.failed().size()));
        Map<String, DimensionScores> evaluated = new HashMap<>();
        if (devel != null) {
            devel.models().forEach(m -> evaluated.put(m.result().modelId(), m.result().concatenated()));
        }
        s.append(String.format("%n  %-22s %-40s %-9s %5s %9s %-6s %6s %8s   %-29s %s%n", "configuration", "model", "fusion",
                "lstm", "lr", "init", "epochs", "train s", "Devel CCC A / V / L / mean", "evaluate (audio)"));
        for (FusionSweepResult.Row r : rows) {
            FusionRun run = r.run();
            String head = String.format("  %-22s %-40s %-9s %5d %9.2e %-6s", r.configuration(), r.modelId(),
                    run.config().fusion().name().toLowerCase(), run.config().lstmUnits(), run.settings().learningRate(),
                    run.init().key());
            if (r.manifest() == null) {
                s.append(head).append("  FAILED: ").append(r.error()).append('\n');
                continue;
            }
            ModelManifest m = r.manifest();
            DimensionScores d = m.devel();
            DimensionScores e = evaluated.get(m.modelId());
            s.append(String.format("%s %6s %8.1f   %.3f %.3f %.3f %.3f   %s%s%n", head, m.bestEpoch() + "/" + m.epochs().size(),
                    m.trainWallSeconds(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc(),
                    e == null ? "-" : String.format("%.3f", e.meanCcc()), m.modelId().equals(bestModelId) ? "  <- best" : ""));
        }
        s.append('\n');
        for (Map.Entry<String, String> e : skipped.entrySet()) {
            s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
        }
        if (registered != null) {
            s.append(String.format("  %s (version %d)%n", registered, registered.version()));
        }
        if (devel != null) {
            devel.models().forEach(m -> s.append(String.format("  %s; report %s%n", m.written(), m.report())));
            if (devel.comparison() != null) {
                s.append(String.format("  comparison:  %s%n", devel.comparison()));
            }
        }
        s.append(String.format("  training:    %.1f s in Spark tasks, one per configuration%n", trainSeconds));
        s.append(String.format("  time:        %.1f s%n", seconds));
        return s.toString();
    }

    /** {@link CatalogSync} as the console shows it. */
    public static String of(CatalogSync r) {
        List<String> tables = r.tables();
        List<String> views = r.views();
        Map<String, List<String>> waiting = r.waiting();
        StringBuilder sb = new StringBuilder();
        sb.append("  tables: ").append(tables.isEmpty() ? "(none new)" : String.join(", ", tables)).append('\n');
        sb.append("  views:  ").append(views.isEmpty() ? "(none new)" : String.join(", ", views)).append('\n');
        waiting.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sb.append("  waiting: ")
                .append(e.getKey()).append(" (needs ").append(String.join(", ", e.getValue())).append(")\n"));
        return sb.toString();
    }

    /** {@link TrainResult} as the console shows it. */
    public static String of(TrainResult r) {
        ModelManifest manifest = r.manifest();
        String path = r.path();
        boolean trained = r.trained();
        Map<String, String> skipped = r.skipped();
        MergeCounts registered = r.registered();
        double seconds = r.seconds();

            StringBuilder s = new StringBuilder();
            ModelManifest m = manifest;
            if (trained) {
                s.append(String.format("Trained model %s%n", m.modelId()));
            } else {
                s.append(String.format("Model %s is already trained from the same config, settings and lake table "
                        + "versions; kept it (--force trains again)%n", m.modelId()));
            }
            s.append(String.format("  stored at:   %s%n", path));
            if (m.fusion() != null) {
                s.append(String.format("  stage:       fusion, from the CNN features of model %s (CNN kept as it is; "
                                + "post-CNN start: %s, %d parameter arrays taken from the source)%n", m.fusion().sourceModelId(),
                        m.fusion().init(), m.fusion().fromSource().size()));
            }
            s.append(String.format("  network:     %s fusion, %s stream(s), %,d parameters, windows of %d frames%n",
                    m.config().fusion().name().toLowerCase(), m.config().streams().name().toLowerCase(), m.parameterCount(),
                    m.config().windowFrames()));
            s.append(String.format("  data:        %d Train recordings (%.1f s in windows), %d Devel recordings; "
                            + "embedding set %s%s%n", m.trainRecordings().size(), m.trainAudioSeconds(),
                    m.develRecordings().size(), m.embeddingSet(), m.settings().shuffledLabels() ? "; LABELS SHUFFLED (control)" : ""));
            for (Map.Entry<String, String> e : skipped.entrySet()) {
                s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
            }
            DimensionScores d = m.devel();
            s.append(String.format("  best epoch:  %d of %d; Devel CCC arousal %.3f, valence %.3f, liking %.3f (mean %.3f)%n",
                    m.bestEpoch(), m.epochs().size(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc()));
            s.append(String.format("  training:    %.1f s, %.1f s of audio per second, %.1f%% of it waiting for data%n",
                    m.trainWallSeconds(), m.audioSecondsPerSecond(), 100 * m.dataWaitFraction()));
            s.append(String.format("  %s%n", registered));
            s.append(String.format("  time:        %.1f s%n", seconds));
            return s.toString();
    }

    /** {@link ScoringBenchmark.Report} as the console shows it. */
    public static String of(ScoringBenchmark.Report r) {
        String modelId = r.modelId();
        int recordings = r.recordings();
        int batchSize = r.batchSize();
        WindowMode windows = r.windows();
        double sparkAudioSeconds = r.sparkAudioSeconds();
        double sparkSeconds = r.sparkSeconds();
        double plainAudioSeconds = r.plainAudioSeconds();
        double plainSeconds = r.plainSeconds();

            return String.format("Scoring benchmark, model %s, %d recordings, batches of %d windows, %s%n"
                            + "  spark, end to end (score --rescore): %.1f s of audio in %.1f s = %.1f x real time%n"
                            + "  plain DJL loop in one JVM (framing and forward pass, rows preloaded): %.1f s of audio in %.1f s = %.1f x real time%n"
                            + "  spark / plain: %.2f%n",
                    modelId, recordings, batchSize, windows.key(), sparkAudioSeconds, sparkSeconds, r.sparkTimesRealTime(),
                    plainAudioSeconds, plainSeconds, r.plainTimesRealTime(), r.sparkTimesRealTime() / r.plainTimesRealTime());
    }

    /** {@link ScoreResult} as the console shows it. */
    public static String of(ScoreResult r) {
        Selection selection = r.selection();
        long scored = r.scored();
        Map<String, Long> rejectedByReason = r.rejectedByReason();
        long withoutTranscript = r.withoutTranscript();
        long frames = r.frames();
        double audioSeconds = r.audioSeconds();
        double seconds = r.seconds();
        MergeCounts predictions = r.predictions();
        MergeCounts emotion = r.emotion();
        MergeCounts rejects = r.rejects();

        Selection s = selection;
        StringBuilder out = new StringBuilder();
        out.append(String.format("Scored with model %s, score date %s%s%n", s.modelId(), s.scoreDate(),
                s.recordingFilter() == null ? "" : " (recordings: " + s.recordingFilter() + ")"));
        out.append(String.format("  recordings: %d selected, %d scored, %d skipped as already scored%s, %d rejected%s%n",
                s.selected(), scored, s.alreadyScored(), s.rescore() ? " (--rescore)" : "", r.rejected(),
                rejectedByReason.isEmpty() ? "" : " (" + rejectedByReason.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        if (withoutTranscript > 0) {
            out.append(String.format("  without words: %d recording(s) scored with zero word vectors (has_transcript = "
                    + "false)%n", withoutTranscript));
        }
        out.append(String.format("  frames:     %d (%.1f s of audio)%n", frames, audioSeconds));
        if (predictions == null) {
            out.append("  nothing new to score: no table written\n");
        } else {
            for (MergeCounts c : new MergeCounts[] {predictions, emotion, rejects}) {
                out.append(String.format("  %s (version %d)%n", c, c.version()));
            }
        }
        out.append(String.format("  time:       %.1f s%s%n", seconds,
                audioSeconds > 0 ? String.format(" (%.1f x real time)", r.timesRealTime()) : ""));
        return out.toString();
    }
}
