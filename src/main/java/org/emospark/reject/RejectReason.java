package org.emospark.reject;

import java.util.Locale;

/**
 * Why an input file, or one line of it, was kept out of the lake, or (the four marked "Score") why a recording
 * in the lake could not be scored. The {@link #code()} is what the {@code rejects} table stores, so a user can
 * group and count by it; the detail that goes with it says which file, which line, what was expected and what
 * was found.
 */
public enum RejectReason {
    /** The bytes are not a WAV or FLAC stream at all (a text file named .wav, an image, ...). */
    NOT_AUDIO,
    /** A real audio container with an encoding we do not decode (e.g. WAV A-law, 12-bit FLAC with an unknown feature). */
    UNSUPPORTED_AUDIO,
    /** The stream ends before the length its header declares. */
    TRUNCATED_AUDIO,
    /** Checksums or structure inside the stream are wrong (FLAC CRC/MD5 mismatch, bad frame header). */
    CORRUPT_AUDIO,
    /** Zero-length file or zero samples. */
    EMPTY_AUDIO,
    /** The file could not be read at all (permissions, I/O error). */
    UNREADABLE,
    /** A label line that is not five ';'-separated fields with numeric time and values. */
    BAD_LABEL_LINE,
    /** A label value that is NaN or infinite. */
    NON_FINITE_LABEL,
    /** A label value outside [-1, 1]. */
    LABEL_OUT_OF_RANGE,
    /** Label times that do not follow one row every 0.1 s. */
    LABELS_OFF_GRID,
    /** A transcript line whose start/end are not numbers, negative, or end before start. */
    BAD_TRANSCRIPT_TIME,
    /** A transcript line that does not have the start;end;'text' shape. */
    BAD_TRANSCRIPT_LINE,
    /** Bytes that are not valid UTF-8. */
    BAD_ENCODING,
    /** A turns line that is not start;end with numbers, start &lt;= end. */
    BAD_TURN_LINE,
    /** A manifest row without a recording id or an audio path, or with an unknown split. */
    BAD_MANIFEST_ROW,
    /** A second input for a recording id that another input already claims. */
    DUPLICATE_RECORDING_ID,
    /** A labels, turns or transcript file with no audio file of the same recording. */
    ORPHAN_FILE,
    /** A file in a layout folder that does not belong there (e.g. notes.txt in labels/). */
    UNEXPECTED_FILE,
    /** A path where a file belongs that is not a regular file: a folder, a symbolic link to nothing, a link loop. */
    NOT_A_FILE,
    /**
     * Kept with a warning: a recording of the AVEC layout with a labels file whose name does not say its split
     * ({@code Train_...}, {@code Devel_...}, {@code Test_...}); it is ingested as unlabeled, so no job trains or
     * evaluates on its labels.
     */
    SPLIT_NOT_IN_NAME,
    /**
     * Kept with a warning: a transcript utterance that starts after its audio ends, or ends more than half a second
     * after it; stored, but no frame holds the words beyond the end.
     */
    UTTERANCE_BEYOND_AUDIO,
    /** Kept with a warning: a transcript utterance none of whose words could be timed (a span too short for them). */
    UTTERANCE_WITHOUT_WORDS,
    /**
     * Kept with a warning: subject and interlocutor turns that overlap (one reject per turns file); frames and words in
     * an overlap count as the subject's.
     */
    OVERLAPPING_TURNS,
    /** Score: a recording with no rows in audio_chunks. */
    NO_AUDIO_CHUNKS,
    /** Score: audio chunks with a gap, an overlap, or fewer samples than the recording has. */
    BROKEN_AUDIO_CHUNKS,
    /** Score: audio stored at another sample rate than the model's. */
    SAMPLE_RATE_MISMATCH,
    /** Score: semantic_frames vectors of another dimension than the model's word vectors. */
    BAD_SEMANTIC_FRAMES;

    /** The stable lower-case code stored in the rejects table, e.g. {@code truncated_audio}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
