package org.emospark.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.emospark.lake.LakeDigest;
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
        StringBuilder s = new StringBuilder();
        s.append(String.format("Evaluated %d model(s) on %s (%d recordings)%n", r.models().size(), r.split(),
                r.models().get(0).result().recordings().size()));
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s %8s%n", "model", "aggregate", "CCC A", "CCC V", "CCC L", "mean"));
        for (ModelEvaluation m : r.models()) {
            row(s, m.result().modelId(), "concatenated", m.result().concatenated());
            row(s, "", "recording mean", m.result().perRecordingMean());
            if (m.result().inSubjectTurns() != null) {
                row(s, "", "subject's turns", m.result().inSubjectTurns().scores());
            }
            if (m.result().outsideSubjectTurns() != null) {
                row(s, "", "outside them", m.result().outsideSubjectTurns().scores());
            }
        }
        for (Baselines.Score b : r.baselines()) {
            row(s, b.kind().label(), "concatenated", b.concatenated());
        }
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s%n", "model", "", "Pearson A", "Pearson V", "Pearson L"));
        for (ModelEvaluation m : r.models()) {
            DimensionScores c = m.result().concatenated();
            s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f%n", m.result().modelId(), "concatenated",
                    c.get(Dimension.AROUSAL).pearson(), c.get(Dimension.VALENCE).pearson(), c.get(Dimension.LIKING).pearson()));
        }
        s.append('\n');
        for (ModelEvaluation m : r.models()) {
            for (Map.Entry<String, String> e : m.skipped().entrySet()) {
                s.append(String.format("  left out: %s (%s)%n", e.getKey(), e.getValue()));
            }
            if (!m.trainedOn().isEmpty()) {
                s.append(String.format("  note:     %s was trained on %d of these %d recordings: its figures here "
                                + "are not held out%n", m.result().modelId(),
                        m.trainedOn().size(), m.result().recordings().size()));
            }
            s.append(String.format("  report:   %s%n", m.report()));
            s.append(String.format("  %s%n", m.written()));
        }
        if (r.comparison() != null) {
            s.append(String.format("  comparison: %s%n", r.comparison()));
        }
        s.append(String.format("  time:     %.1f s%n", r.seconds()));
        return s.toString();
    }

    private static void row(StringBuilder s, String model, String aggregate, DimensionScores d) {
        s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f %8.3f%n", model, aggregate, d.arousal().ccc(),
                d.valence().ccc(), d.liking().ccc(), d.meanCcc()));
    }

    /** {@link SemanticFramesResult} as the console shows it. */
    public static String of(SemanticFramesResult r) {
        return String.format("Semantic frames from embedding set %s, words of: %s%n"
                        + "  %d recordings, %d frames (%.1f%% with a word; %d of those with an out-of-vocabulary word)%n"
                        + "  %s (version %d)%n  time: %.1f s (%.0f frames per second)%n",
                r.embeddingSet(), r.wordSpeakers(), r.recordings(), r.frames(), r.frames() == 0 ? 0 : 100.0 * r.framesWithWord() / r.frames(),
                r.framesWithUnknownWord(), r.table(), r.table().version(), r.elapsedSeconds(), r.framesPerSecond());
    }

    /** {@link EmbedResult} as the console shows it. */
    public static String of(EmbedResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Embedding set %s (%s): %d words x %d dims%n", r.embeddingSet(), r.source(), r.vocabularySize(),
                r.dims()));
        if (r.sentences() > 0) {
            sb.append(String.format("  trained on %d sentences, %d tokens%n", r.sentences(), r.tokens()));
        }
        if (r.speech2vec() != null) {
            sb.append("  ").append(r.speech2vec().describe()).append(System.lineSeparator());
        }
        if (r.alignment() != null) {
            sb.append("  ").append(r.alignment().describe()).append(System.lineSeparator());
        }
        if (r.neighbours() != null) {
            sb.append("  ").append(r.neighbours().describe()).append(System.lineSeparator());
        }
        for (MergeCounts c : r.tables()) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time: %.1f s%n", r.elapsedSeconds()));
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
        StringBuilder s = new StringBuilder();
        s.append(String.format("Paralinguistic frames from the CNN of model %s (%d values per frame)%n", r.modelId(), r.dims()));
        s.append(String.format("  recordings: %d, %d computed, %d rejected%s%n", r.recordings(), r.computed(), r.rejected(),
                r.rejectedByReason().isEmpty() ? "" : " (" + r.rejectedByReason().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        s.append(String.format("  frames:     %d (%.1f s of audio)%n", r.frames(), r.audioSeconds()));
        s.append(String.format("  %s (version %d)%n", r.table(), r.table().version()));
        s.append(String.format("  %s (version %d)%n", r.rejects(), r.rejects().version()));
        s.append(String.format("  CNN pass:   %.1f s (%.1f s of audio per second)%n", r.computeSeconds(),
                r.computeSeconds() > 0 ? r.audioSeconds() / r.computeSeconds() : 0));
        s.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", r.seconds(),
                r.seconds() > 0 ? r.audioSeconds() / r.seconds() : 0));
        return s.toString();
    }

    /** {@link IngestResult} as the console shows it. */
    public static String of(IngestResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Ingested %s (%s layout) into %s%n", r.input(), r.layout(), r.warehouse()));
        sb.append(String.format("  recordings: %d found, %d ingested (%.1f s of audio), %d unchanged since the last ingest%n",
                r.recordingsFound(), r.recordingsIngested(), r.audioSeconds(), r.recordingsUnchanged()));
        sb.append(String.format("  rejects:    %d%s%n", r.rejectCount(), r.rejectsByReason().isEmpty() ? ""
                : " (" + r.rejectsByReason().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + "; see the rejects table)"));
        for (MergeCounts c : r.tables().values()) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", r.elapsedSeconds(), r.throughput()));
        return sb.toString();
    }

    /** {@link FusionSweepResult} as the console shows it. */
    public static String of(FusionSweepResult result) {
        StringBuilder s = new StringBuilder();
        long trained = result.rows().stream().filter(FusionSweepResult.Row::trained).count();
        s.append(String.format("Fusion sweep %s from the CNN features of model %s: %d configuration(s), %d trained, %d kept "
                + "as already trained, %d failed%n", result.sweep(), result.sourceModelId(), result.rows().size(), trained,
                result.rows().size() - trained - result.failed().size(), result.failed().size()));
        Map<String, DimensionScores> evaluated = new HashMap<>();
        if (result.devel() != null) {
            result.devel().models().forEach(m -> evaluated.put(m.result().modelId(), m.result().concatenated()));
        }
        s.append(String.format("%n  %-22s %-40s %-9s %5s %9s %-6s %6s %8s   %-29s %s%n", "configuration", "model", "fusion",
                "lstm", "lr", "init", "epochs", "train s", "Devel CCC A / V / L / mean", "evaluate (audio)"));
        for (FusionSweepResult.Row r : result.rows()) {
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
                    e == null ? "-" : String.format("%.3f", e.meanCcc()), m.modelId().equals(result.bestModelId()) ? "  <- best" : ""));
        }
        s.append('\n');
        for (Map.Entry<String, String> e : result.skipped().entrySet()) {
            s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
        }
        if (result.registered() != null) {
            s.append(String.format("  %s (version %d)%n", result.registered(), result.registered().version()));
        }
        if (result.devel() != null) {
            result.devel().models().forEach(m -> s.append(String.format("  %s; report %s%n", m.written(), m.report())));
            if (result.devel().comparison() != null) {
                s.append(String.format("  comparison:  %s%n", result.devel().comparison()));
            }
        }
        s.append(String.format("  training:    %.1f s in Spark tasks, one per configuration%n", result.trainSeconds()));
        s.append(String.format("  time:        %.1f s%n", result.seconds()));
        return s.toString();
    }

    /** {@link CatalogSync} as the console shows it. */
    public static String of(CatalogSync r) {
        StringBuilder sb = new StringBuilder();
        sb.append("  tables: ").append(r.tables().isEmpty() ? "(none new)" : String.join(", ", r.tables())).append('\n');
        sb.append("  views:  ").append(r.views().isEmpty() ? "(none new)" : String.join(", ", r.views())).append('\n');
        r.waiting().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sb.append("  waiting: ")
                .append(e.getKey()).append(" (needs ").append(String.join(", ", e.getValue())).append(")\n"));
        return sb.toString();
    }

    /** {@link TrainResult} as the console shows it. */
    public static String of(TrainResult r) {
        StringBuilder s = new StringBuilder();
        ModelManifest m = r.manifest();
        if (r.trained()) {
            s.append(String.format("Trained model %s%n", m.modelId()));
        } else {
            s.append(String.format("Model %s is already trained from the same config, settings and lake table "
                    + "versions; kept it (--force trains again)%n", m.modelId()));
        }
        s.append(String.format("  stored at:   %s%n", r.path()));
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
        for (Map.Entry<String, String> e : r.skipped().entrySet()) {
            s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
        }
        DimensionScores d = m.devel();
        s.append(String.format("  best epoch:  %d of %d; Devel CCC arousal %.3f, valence %.3f, liking %.3f (mean %.3f)%s%n",
                m.bestEpoch(), m.epochs().size(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc(),
                postProcessing(m)));
        if (m.refit() != null) {
            s.append(String.format("  refit:       the stored network trained again on Train and Devel (%d recordings) for "
                            + "those %d epochs, in %.1f s (last loss %.4f); the Devel figures above are the first run's%n",
                    m.refit().recordings().size(), m.refit().epochs(), m.refit().seconds(),
                    m.refit().trainLosses().get(m.refit().epochs() - 1)));
        }
        s.append(String.format("  training:    %.1f s, %.1f s of audio per second, %.1f%% of it waiting for data%n",
                m.trainWallSeconds(), m.audioSecondsPerSecond(), 100 * m.dataWaitFraction()));
        s.append(String.format("  %s%n", r.registered()));
        s.append(String.format("  time:        %.1f s%n", r.seconds()));
        return s.toString();
    }

    /** {@link LakeDigest.Result} as the console shows it: a header, then one line per table, for diff. */
    public static String of(LakeDigest.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-22s %10s %10s %21s %21s%n", "table", "rows", "keys", "keys_digest", "values_digest"));
        for (LakeDigest.TableDigest t : r.tables()) {
            s.append(String.format("%-22s %10d %10d %21s %21s%s%n", t.table(), t.rows(), t.keys(), t.keysDigest(),
                    t.valuesDigest(), t.keysUnique() ? "" : "  DUPLICATE KEYS"));
        }
        return s.toString();
    }

    /** {@link ScoringBenchmark.Report} as the console shows it. */
    public static String of(ScoringBenchmark.Report r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Scoring benchmark, model %s, %d recordings, batches of %d windows, %s, %d round(s), "
                + "figures min / median / max%n", r.modelId(), r.recordings(), r.batchSize(), r.windows().key(),
                r.rounds().size()));
        s.append(String.format("  spark, end to end (score --rescore): %.1f s of audio, %s x real time%n",
                r.sparkAudioSeconds(), r.sparkTimesRealTime().format("%.1f")));
        s.append(String.format("  plain DJL loop in one JVM (framing and forward pass, rows preloaded): %.1f s of audio, "
                + "%s x real time%n", r.plainAudioSeconds(), r.plainTimesRealTime().format("%.1f")));
        s.append(String.format("  spark / plain, each round's pair: %s%n", r.sparkOverPlain().format("%.2f")));
        s.append("  spark's steps, seconds:\n");
        r.sparkStepSeconds().forEach((step, spread) -> s.append(String.format("    %-60s %s%n",
                step.length() > 60 ? step.substring(0, 57) + "..." : step, spread.format("%.1f"))));
        return s.toString();
    }

    /** {@link ScoreResult} as the console shows it. */
    public static String of(ScoreResult r) {

        Selection s = r.selection();
        StringBuilder out = new StringBuilder();
        out.append(String.format("Scored with model %s, score date %s%s%n", s.modelId(), s.scoreDate(),
                s.recordingFilter() == null ? "" : " (recordings: " + s.recordingFilter() + ")"));
        out.append(String.format("  recordings: %d selected, %d scored, %d skipped as already scored%s, %d rejected%s%n",
                s.selected(), r.scored(), s.alreadyScored(), s.rescore() ? " (--rescore)" : "", r.rejected(),
                r.rejectedByReason().isEmpty() ? "" : " (" + r.rejectedByReason().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        if (r.withoutTranscript() > 0) {
            out.append(String.format("  without words: %d recording(s) scored with zero word vectors (has_transcript = "
                    + "false)%n", r.withoutTranscript()));
        }
        out.append(String.format("  frames:     %d (%.1f s of audio)%n", r.frames(), r.audioSeconds()));
        if (r.predictions() == null) {
            out.append("  nothing new to score: no table written\n");
        } else {
            for (MergeCounts c : new MergeCounts[] {r.predictions(), r.emotion(), r.rejects()}) {
                out.append(String.format("  %s (version %d)%n", c, c.version()));
            }
        }
        out.append(String.format("  time:       %.1f s%s%n", r.seconds(),
                r.audioSeconds() > 0 ? String.format(" (%.1f x real time)", r.timesRealTime()) : ""));
        return out.toString();
    }

    /** What a kept model does after its network, as the train summary names it, with the epoch's own Devel mean. */
    private static String postProcessing(ModelManifest m) {
        List<String> steps = new ArrayList<>();
        if (m.config().smoothSeconds() > 0) {
            steps.add(String.format("smoothed over %.1f s", m.config().smoothSeconds()));
        }
        if (m.config().priorSmoothing() && m.labelPrior() != null) {
            steps.add("conditioned on the Train labels' prior");
        }
        if (m.config().timingLevel() && m.timingLevel() != null) {
            double[] w = m.timingLevel().weights();
            steps.add(Arrays.stream(w).allMatch(v -> v == 0)
                    ? "not moved towards the level of the subject's timing (Devel chose 0 for each dimension)"
                    : String.format("moved towards the level of the subject's timing by A %.2f, V %.2f, L %.2f", w[0], w[1],
                            w[2]));
        }
        if (steps.isEmpty()) {
            return "";
        }
        String what = steps.size() == 1 ? steps.get(0)
                : String.join(", ", steps.subList(0, steps.size() - 1)) + " and " + steps.get(steps.size() - 1);
        return String.format(", outputs %s (the epoch's own: mean %.3f)", what,
                m.epochs().get(m.bestEpoch() - 1).devel().meanCcc());
    }
}
