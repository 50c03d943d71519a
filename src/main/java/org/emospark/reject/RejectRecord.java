package org.emospark.reject;

import java.io.Serializable;

/**
 * One row for the {@code rejects} table: which input, at which stage, why. {@code line} is set
 * when one line of a text file was refused and the rest of the file was kept.
 */
public record RejectRecord(String sourceUri, String stage, String reason, String detail, Integer line,
                           String recordingId) implements Serializable {

    public static RejectRecord of(String sourceUri, String stage, RejectReason reason, String detail,
                                  String recordingId) {
        return new RejectRecord(sourceUri, stage, reason.code(), detail, null, recordingId);
    }

    public static RejectRecord of(String sourceUri, String stage, InputRejectedException e, String recordingId) {
        return of(sourceUri, stage, e.reason(), e.detail(), recordingId);
    }

    public static RejectRecord ofLine(String sourceUri, String stage, LineReject reject, String recordingId) {
        return new RejectRecord(sourceUri, stage, reject.reason().code(), reject.detail(), reject.lineNumber(),
                recordingId);
    }
}
