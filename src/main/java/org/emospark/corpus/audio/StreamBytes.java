package org.emospark.corpus.audio;

import java.io.IOException;
import java.io.InputStream;

/** Whole reads and safe skips on an {@link InputStream}, for the decoders' headers. */
final class StreamBytes {
    private StreamBytes() {
    }

    /** Reads until {@code len} bytes or the end of the stream; returns the count read. */
    static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /**
     * Skips by reading, because {@link InputStream#skip} on files happily skips past the end, which
     * would hide a truncated chunk. Returns the count skipped.
     */
    static long skipUpTo(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
