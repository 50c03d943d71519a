package org.emospark.reject;

/** One line of a text input that was kept out of the lake; the rest of the file still counts. */
public record LineReject(int lineNumber, RejectReason reason, String detail) {
}
