package org.emospark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.reject.RejectRecord;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a corpus into the lake. The driver lists the input (no audio is read there); executors
 * decode, resample and chunk each recording and parse its labels, turns and transcript, one task
 * per group of recordings; the rows are cached once and merged into each table on its keys, so
 * running the same ingest twice changes no row, and a changed file replaces its recording's rows.
 * Every input ends up in its table or in {@code rejects}; bad input never fails the job.
 * Cost: each audio file is read twice (validate, then chunk), and each table write is one MERGE.
 */
public final class IngestAction extends SparkAction<IngestResult> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestAction.class);
    /** The rejects stages ingest owns: a re-ingest clears their rows for inputs that are now fine. */
    static final String[] INGEST_STAGES = {AvecLayoutScanner.STAGE, RecordingIngestor.STAGE_DECODE,
            RecordingIngestor.STAGE_PARSE};
    private final Warehouse warehouse;
    private final IngestSettings settings;
    private CorpusLayout layout = CorpusLayout.AVEC2017;
    private String input;
    private String corpus;
    private String manifestFormat;
    private int maxTasks = 2000;
    private boolean force;

    public IngestAction(Warehouse warehouse, IngestSettings settings) {
        super(warehouse.spark(), "ingest");
        this.warehouse = warehouse;
        this.settings = settings;
    }

    public IngestAction layout(CorpusLayout value) {
        this.layout = value;
        return this;
    }

    public IngestAction input(String value) {
        this.input = value;
        return this;
    }

    /** Corpus name stored with each recording; defaults to the input folder's (or manifest's) name. */
    public IngestAction corpus(String value) {
        this.corpus = value;
        return this;
    }

    /** csv or jsonl; null picks by the manifest's extension. */
    public IngestAction manifestFormat(String value) {
        this.manifestFormat = value;
        return this;
    }

    /** Re-process every recording even when its inputs are unchanged since the last ingest. */
    public IngestAction force(boolean value) {
        this.force = value;
        return this;
    }

    public IngestAction maxTasks(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Max ingest tasks must be at least 1, cannot be: " + value);
        }
        this.maxTasks = value;
        return this;
    }

    @Override
    protected String description() {
        return "Ingesting " + layout.cliName() + " corpus " + input;
    }

    @Override
    protected IngestResult run(JobGroup group) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("Cannot ingest: no input given");
        }
        SparkSession spark = warehouse.spark();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        try {
            SourceListing listing = scan(hadoopConf);
            LOG.info("Listed {}: {} recordings, {} inputs refused while listing", input, listing.sources().size(),
                    listing.rejects().size());
            Timestamp runTime = new Timestamp(System.currentTimeMillis());

            group.step("Decoding " + listing.sources().size() + " recordings of " + input
                    + " (audio to " + settings.sampleRate() + " Hz, labels, turns, transcripts)");
            Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoopConf));
            Broadcast<HashMap<String, String>> known = jsc.broadcast(force ? new HashMap<>() : knownFingerprints());
            RecordingIngestor ingestor = new RecordingIngestor(settings, runTime);
            int slices = Math.max(1, Math.min(listing.sources().size(), maxTasks));
            JavaRDD<Row> rows = jsc.parallelize(listing.sources(), slices).flatMap(source ->
                    ingestor.ingest(source, conf.value().value(), known.value()));
            List<Row> scanRejects = new ArrayList<>();
            for (RejectRecord r : listing.rejects()) {
                scanRejects.add(RecordingIngestor.reject(r, runTime));
            }
            Dataset<Row> union = spark.createDataFrame(rows, IngestRows.SCHEMA)
                    .union(spark.createDataFrame(scanRejects, IngestRows.SCHEMA))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                return write(union, listing, group);
            } finally {
                union.unpersist();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list input " + input + ": " + e.getMessage(), e);
        }
    }

    /** recording_id -> input_fingerprint of what the lake holds: recordings to skip when unchanged. */
    private HashMap<String, String> knownFingerprints() {
        HashMap<String, String> known = new HashMap<>();
        if (warehouse.exists(Tables.RECORDINGS)) {
            for (Row r : warehouse.read(Tables.RECORDINGS).select("recording_id", "input_fingerprint").collectAsList()) {
                known.put(r.getString(0), r.getString(1));
            }
        }
        return known;
    }

    private SourceListing scan(Configuration hadoopConf) throws IOException {
        warehouse.spark().sparkContext().setJobDescription("Listing " + input);
        return CorpusScanner.forLayout(layout, manifestFormat).scan(input, corpus, hadoopConf);
    }

    private IngestResult write(Dataset<Row> union, SourceListing listing, JobGroup group) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
        group.step("Summarising decoded recordings of " + input);
        long t0 = System.nanoTime();
        Dataset<Row> recordings = IngestRows.rowsOf(union, Tables.RECORDINGS);
        List<String> ingestedIds = recordings.select("recording_id").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        Row audio = recordings.agg(sum(col("duration_s"))).head();
        double audioSeconds = audio.isNullAt(0) ? 0 : audio.getDouble(0);
        Set<String> unchanged = new HashSet<>(union.where(col("kind").equalTo(IngestRows.UNCHANGED))
                .select(IngestRows.UNCHANGED).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

        LOG.info("Decoded {} recordings ({} s of audio) in {} s", ingestedIds.size(), Math.round(audioSeconds),
                Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        // The tables are independent Delta logs, so their merges run side by side (most of a small
        // merge is driver-side planning); recordings goes last, once the rows it vouches for are in.
        Map<String, MergeCounts> counts = new LinkedHashMap<>();
        List<TableDef> children = Tables.ingestTables().stream().filter(t -> t != Tables.RECORDINGS).toList();
        List<String> rejectScope = rejectScope(listing, unchanged);
        ExecutorService pool = Executors.newFixedThreadPool(children.size());
        try {
            List<Future<MergeCounts>> pending = new ArrayList<>();
            for (TableDef table : children) {
                pending.add(pool.submit(() -> merge(union, table, rejectScope, ingestedIds)));
            }
            for (Future<MergeCounts> f : pending) {
                MergeCounts c = f.get();
                counts.put(c.table(), c);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while merging ingest tables", e);
        } finally {
            pool.shutdownNow();
        }
        counts.put(Tables.RECORDINGS.name(), merge(union, Tables.RECORDINGS, rejectScope, ingestedIds));
        double elapsed = group.elapsedSeconds();
        return new IngestResult(input, layout.cliName(), warehouse.root(), listing.sources().size(),
                ingestedIds.size(), unchanged.size(), audioSeconds, standingRejects(listing), counts, elapsed);
    }

    /**
     * The inputs whose rejects this run speaks for: every file it saw, except those of recordings it
     * skipped as unchanged (their standing rejects stay as they are).
     */
    private static List<String> rejectScope(SourceListing listing, Set<String> unchanged) {
        Set<String> skipped = new HashSet<>();
        for (RecordingSource s : listing.sources()) {
            if (unchanged.contains(s.recordingId())) {
                for (String uri : new String[] {s.audioUri(), s.labelsUri(), s.turnsUri(), s.transcriptUri()}) {
                    if (uri != null) {
                        skipped.add(uri);
                    }
                }
            }
        }
        return listing.seenUris().stream().filter(u -> !skipped.contains(u)).toList();
    }

    /** The rejects that stand for this input after the run, by reason, whether raised now or before. */
    private Map<String, Long> standingRejects(SourceListing listing) {
        Map<String, Long> byReason = new TreeMap<>();
        if (listing.seenUris().isEmpty() || !warehouse.exists(Tables.REJECTS)) {
            return byReason;
        }
        warehouse.spark().sparkContext().setJobDescription("Counting the rejects of " + input);
        for (Row r : warehouse.read(Tables.REJECTS)
                .where(col("source_uri").isin(listing.seenUris().toArray()).and(col("stage").isin((Object[]) INGEST_STAGES)))
                .groupBy("reason").agg(count("*")).collectAsList()) {
            byReason.put(r.getString(0), r.getLong(1));
        }
        return byReason;
    }

    /** One table's share of the ingest: rows of recordings this run ingested replace theirs in the table. */
    private MergeCounts merge(Dataset<Row> union, TableDef table, List<String> rejectScope, List<String> ingestedIds) {
        warehouse.spark().sparkContext().setJobDescription(
                "Merging " + table.name() + " of " + input + " into " + warehouse.pathOf(table));
        List<String> scope = table == Tables.REJECTS ? rejectScope
                : table == Tables.RECORDINGS ? Collections.emptyList() : ingestedIds;
        Column owned = table == Tables.REJECTS ? col("t.stage").isin((Object[]) INGEST_STAGES) : null;
        long t1 = System.nanoTime();
        MergeCounts c = KeyedMerge.merge(warehouse, table, IngestRows.rowsOf(union, table), scope, owned);
        LOG.info("Merged {} in {} s", c, Math.round((System.nanoTime() - t1) / 1e8) / 10.0);
        return c;
    }
}
