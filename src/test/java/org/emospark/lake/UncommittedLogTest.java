package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncommittedLogTest {
    @TempDir
    java.nio.file.Path tmp;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private java.nio.file.Path logDir;
    private FileSystem local;

    @BeforeEach
    void setUp() throws IOException {
        logDir = tmp.resolve("labels/_delta_log");
        local = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    }

    @Test
    void aLogWithACommitIsNeverRemoved() throws IOException {
        Files.createDirectories(logDir);
        aged(Files.writeString(logDir.resolve("00000000000000000000.json"), "{}"), 3_600_000);
        aged(logDir, 3_600_000);
        UncommittedLog log = watch(local);
        clock.addAndGet(60_000);

        assertFalse(log.removeIfAbandoned());
        assertTrue(Files.exists(logDir.resolve("00000000000000000000.json")));
    }

    @Test
    void oldDebrisIsRemovedAtOnce() throws IOException {
        Files.createDirectories(logDir.resolve("_commits"));
        aged(Files.writeString(logDir.resolve(".00000000000000000000.json.8a1f.tmp"), "{}"), 60_000);
        aged(logDir.resolve("_commits"), 60_000);
        aged(logDir, 60_000);

        assertTrue(watch(local).removeIfAbandoned());
        assertFalse(Files.exists(logDir));
    }

    @Test
    void aLogWrittenMomentsAgoIsLeftToItsCreator() throws IOException {
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve(".00000000000000000000.json.8a1f.tmp"), "{}");

        assertFalse(watch(local).removeIfAbandoned());
        assertTrue(Files.exists(logDir));
    }

    /** s3a: a folder's time is always the moment it is asked, and a killed creator leaves the folder's marker alone. */
    @Test
    void onAStoreWhoseFoldersAreAlwaysNewAnEmptyLogGoesOnceSeenUnchangedLongEnough() throws IOException {
        Files.createDirectories(logDir);
        UncommittedLog log = watch(new FoldersAlwaysNew(local, clock));

        assertFalse(log.removeIfAbandoned(), "first sight: a creator may be about to commit");
        clock.addAndGet(UncommittedLog.ABANDONED_AFTER_MS - 1);
        assertFalse(log.removeIfAbandoned());
        clock.addAndGet(1);
        assertTrue(log.removeIfAbandoned());
        assertFalse(Files.exists(logDir));
    }

    @Test
    void onAStoreWhoseFoldersAreAlwaysNewALogThatKeepsChangingStays() throws IOException {
        Files.createDirectories(logDir);
        UncommittedLog log = watch(new FoldersAlwaysNew(local, clock));
        for (int step = 0; step < 6; step++) {
            assertFalse(log.removeIfAbandoned(), "step " + step);
            clock.addAndGet(UncommittedLog.ABANDONED_AFTER_MS * 6 / 10);
            java.nio.file.Path written = Files.writeString(logDir.resolve("part-" + step), "x");
            Files.setLastModifiedTime(written, FileTime.fromMillis(clock.get()));
        }
        assertTrue(Files.exists(logDir));
    }

    /** The creator renames its temporary file into the first commit while the log is being looked at. */
    @Test
    void aLogThatGainsItsFirstCommitWhileLookedAtStays() throws IOException {
        Files.createDirectories(logDir);
        java.nio.file.Path temporary = logDir.resolve(".00000000000000000000.json.8a1f.tmp");
        aged(Files.writeString(temporary, "{}"), 60_000);
        aged(logDir, 60_000);
        java.nio.file.Path commit = logDir.resolve("00000000000000000000.json");

        assertFalse(watch(new CommitsWhileListed(local, temporary, commit)).removeIfAbandoned());
        assertTrue(Files.exists(commit));
    }

    private UncommittedLog watch(FileSystem fs) {
        return new UncommittedLog(fs, new Path(logDir.toUri()), clock::get);
    }

    private void aged(java.nio.file.Path path, long millis) throws IOException {
        Files.setLastModifiedTime(path, FileTime.fromMillis(clock.get() - millis));
    }

    /** A local file system that reports folders' times the way s3a does. */
    private static final class FoldersAlwaysNew extends FilterFileSystem {
        private final AtomicLong clock;

        FoldersAlwaysNew(FileSystem fs, AtomicLong clock) {
            super(fs);
            this.clock = clock;
        }

        @Override
        public FileStatus getFileStatus(Path path) throws IOException {
            FileStatus status = super.getFileStatus(path);
            if (!status.isDirectory()) {
                return status;
            }
            return new FileStatus(0, true, 1, 0, clock.get(), status.getPath());
        }
    }

    /**
     * A local file system on which a creator commits right after a folder's names were read: what was listed is
     * gone before it is looked at more closely.
     */
    private static final class CommitsWhileListed extends FilterFileSystem {
        private final java.nio.file.Path temporary;
        private final java.nio.file.Path commit;

        CommitsWhileListed(FileSystem fs, java.nio.file.Path temporary, java.nio.file.Path commit) {
            super(fs);
            this.temporary = temporary;
            this.commit = commit;
        }

        @Override
        public FileStatus[] listStatus(Path path) throws IOException {
            FileStatus[] listed = super.listStatus(path);
            if (Files.exists(temporary)) {
                Files.move(temporary, commit);
            }
            return listed;
        }

        @Override
        public RemoteIterator<LocatedFileStatus> listLocatedStatus(Path path) throws IOException {
            Iterator<FileStatus> listed = Arrays.asList(listStatus(path)).iterator();
            return new RemoteIterator<>() {
                @Override
                public boolean hasNext() {
                    return listed.hasNext();
                }

                @Override
                public LocatedFileStatus next() throws IOException {
                    return new LocatedFileStatus(listed.next(), null);
                }
            };
        }
    }
}
