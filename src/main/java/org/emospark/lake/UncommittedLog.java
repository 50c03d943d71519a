package org.emospark.lake;

import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A table's {@code _delta_log} folder as one write sees it while it waits to create the table: a log without a
 * single commit belongs either to a creator at work right now or to one killed before its first commit. Delta takes
 * such a folder for a table that exists, so {@code CREATE TABLE IF NOT EXISTS} does nothing and every later access
 * fails with "table not found": left alone, the warehouse could never be written again. It holds nothing committed,
 * so it is removed once it looks abandoned.
 *
 * <p>Abandoned means: nothing in it is younger than {@link #ABANDONED_AFTER_MS}, or this watcher has seen it
 * unchanged for that long. The second clause is what works on object stores: s3a reports a folder's time as the
 * moment it is asked ({@code S3AFileStatus.getModificationTime}), and what a creator killed there leaves is often
 * the folder's marker alone, with no file whose time could tell its age.
 */
final class UncommittedLog {
    static final long ABANDONED_AFTER_MS = 10_000;
    /** Commits, checkpoints and the checkpoint pointer: any of them makes a Delta log a table's. */
    private static final Pattern COMMITTED_LOG_FILE =
            Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)|_last_checkpoint|\\d{20}\\.[0-9a-f-]+\\.json");

    private final FileSystem fs;
    private final Path log;
    private final LongSupplier clock;
    private String filesSeen;
    private long unchangedSince;

    UncommittedLog(FileSystem fs, Path log, LongSupplier clock) {
        this.fs = fs;
        this.log = log;
        this.clock = clock;
    }

    /** Removes the log if it holds no commit and looks abandoned; true when it did. */
    boolean removeIfAbandoned() throws IOException {
        if (!fs.exists(log)) {
            return false;
        }
        long now = clock.getAsLong();
        // The folder's own time counts too: a creator makes it just before writing its first file.
        long newest = fs.getFileStatus(log).getModificationTime();
        StringBuilder files = new StringBuilder();
        RemoteIterator<LocatedFileStatus> listing = fs.listFiles(log, true);
        while (listing.hasNext()) {
            LocatedFileStatus f = listing.next();
            if (COMMITTED_LOG_FILE.matcher(f.getPath().getName()).matches()) {
                return false;
            }
            newest = Math.max(newest, f.getModificationTime());
            files.append(f.getPath()).append(' ').append(f.getLen()).append(' ').append(f.getModificationTime())
                    .append('\n');
        }
        if (!files.toString().equals(filesSeen)) {
            filesSeen = files.toString();
            unchangedSince = now;
        }
        if (now - newest < ABANDONED_AFTER_MS && now - unchangedSince < ABANDONED_AFTER_MS) {
            return false;
        }
        fs.delete(log, true);
        return true;
    }
}
