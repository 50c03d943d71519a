package org.emospark.reject;

import java.util.Objects;

/**
 * An {@link InputRejectedException} found while a stream is already being read through an interface that cannot
 * declare it (a {@link java.util.Iterator}, a {@code PcmSource}): whoever drives the stream unwraps it into the
 * rejects row the input becomes.
 */
public final class UncheckedInputRejectedException extends RuntimeException {
    public UncheckedInputRejectedException(InputRejectedException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    }

    @Override
    public synchronized InputRejectedException getCause() {
        return (InputRejectedException) super.getCause();
    }
}
