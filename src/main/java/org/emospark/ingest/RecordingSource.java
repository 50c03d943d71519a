package org.emospark.ingest;

import java.io.Serializable;

/**
 * The input files of one recording, as found on the driver by a {@link CorpusScanner}: an audio
 * file and optional labels, turns and transcript files (URIs Hadoop can open). Decoding them is
 * the executors' job. {@code labelsName} is the name the labels file's first column must carry
 * (the AVEC layout names files after recordings), or null where the layout does not promise one.
 */
public record RecordingSource(String recordingId, String corpus, String split, String speaker, String language,
                              String audioUri, String labelsUri, String turnsUri, String transcriptUri,
                              String labelsName)
        implements Serializable {
}
