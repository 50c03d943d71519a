package org.emospark.reject;

import java.io.IOException;

/**
 * An input that cannot enter the lake, with the reason a person can act on. It extends
 * {@link IOException} so that streaming decoders can raise it from their read methods.
 */
public class InputRejectedException extends IOException {
    private final RejectReason reason;

    public InputRejectedException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The human-readable part: which file, where, what was expected, what was found. */
    public String detail() {
        return getMessage();
    }
}
