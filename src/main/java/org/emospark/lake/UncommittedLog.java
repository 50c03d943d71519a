package org.emospark.lake;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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
        Listing listing = new Listing();
        try {
            // A missing log throws FileNotFoundException here, as one that goes while it is walked does.
            if (listing.holdsACommit(log)) {
                return false;
            }
            // The folder's time is read after its files: a creator that renamed its first commit into place while
            // they were listed has made the folder new (the rename changes it) even if the listing missed it.
            listing.newest = Math.max(listing.newest, fs.getFileStatus(log).getModificationTime());
        } catch (FileNotFoundException e) {
            // No log, or something in it went or came while it was being looked at: a living writer, if any.
            filesSeen = null;
            return false;
        }
        long now = clock.getAsLong();
        if (!listing.files.toString().equals(filesSeen)) {
            filesSeen = listing.files.toString();
            unchangedSince = now;
        }
        if (now - listing.newest < ABANDONED_AFTER_MS && now - unchangedSince < ABANDONED_AFTER_MS) {
            return false;
        }
        fs.delete(log, true);
        return true;
    }

    /**
     * The log's files, walked with {@code listStatus} rather than {@code listFiles}: the latter builds a
     * {@code LocatedFileStatus}, which on the local file system asks each file's permissions of an {@code ls}
     * process and fails when a creator has just renamed its temporary file into a commit.
     */
    private final class Listing {
        private final StringBuilder files = new StringBuilder();
        private long newest = Long.MIN_VALUE;

        boolean holdsACommit(Path folder) throws IOException {
            for (FileStatus f : fs.listStatus(folder)) {
                if (f.isDirectory()) {
                    if (holdsACommit(f.getPath())) {
                        return true;
                    }
                    continue;
                }
                if (COMMITTED_LOG_FILE.matcher(f.getPath().getName()).matches()) {
                    return true;
                }
                newest = Math.max(newest, f.getModificationTime());
                files.append(f.getPath()).append(' ').append(f.getLen()).append(' ').append(f.getModificationTime())
                        .append('\n');
            }
            return false;
        }
    }
}
