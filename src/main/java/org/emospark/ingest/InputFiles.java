package org.emospark.ingest;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.emospark.reject.RejectReason;
import org.emospark.reject.RejectRecord;

/**
 * File-name rules shared by the scanners, and the listings they scan. A listing never drops a path silently: what is
 * not a regular file (a folder where a file belongs, a symbolic link to nothing, a link loop) becomes a reject. On a
 * local file system the listing goes through {@code java.nio}, because Hadoop's local listing skips a link whose target
 * is missing without a word and would follow a link loop for ever.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** Where a listing puts what it refused, and the paths it looked at (they scope the rejects' refresh). */
    record Refusals(List<RejectRecord> rejects, List<String> seen, String stage) {
        void refuse(Path path, String what) {
            seen.add(path.toString());
            rejects.add(RejectRecord.of(path.toString(), stage, RejectReason.NOT_A_FILE, what, null));
        }
    }

    static boolean isHidden(Path path) {
        String name = path.getName();
        return name.startsWith(".") || name.startsWith("_");
    }

    static boolean hasAudioExtension(Path path) {
        String name = path.getName().toLowerCase(Locale.ROOT);
        return name.endsWith(".wav") || name.endsWith(".flac");
    }

    static String baseName(Path path) {
        String name = path.getName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Visible regular files directly inside {@code dir}, sorted by name; empty when the folder is absent. Every other
     * visible entry (a folder, a broken link, a link loop) is refused, named as {@code label/NAME}.
     */
    static List<Path> listFiles(FileSystem fs, Path dir, String label, Refusals refusals) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        if (isLocal(fs)) {
            try (var entries = Files.newDirectoryStream(local(fs, dir))) {
                for (java.nio.file.Path entry : entries) {
                    Path path = hadoop(fs, entry);
                    if (isHidden(path)) {
                        continue;
                    }
                    String problem = notAFile(entry);
                    if (problem == null) {
                        out.add(path);
                    } else {
                        refusals.refuse(path, inFolder(label, path, problem));
                    }
                }
            }
        } else {
            for (FileStatus st : fs.listStatus(dir)) {
                if (isHidden(st.getPath())) {
                    continue;
                }
                if (st.isFile()) {
                    out.add(st.getPath());
                } else {
                    refusals.refuse(st.getPath(), inFolder(label, st.getPath(), "a folder, not a file"));
                }
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /**
     * Visible regular files anywhere below {@code dir}, sorted by path, following links. Of what is not a regular file,
     * the entries {@code input} would take (e.g. names with an audio extension) are refused, and so is every link loop.
     */
    static List<Path> listFilesRecursively(FileSystem fs, Path dir, Predicate<Path> input, Refusals refusals)
            throws IOException {
        List<Path> out = new ArrayList<>();
        if (!isLocal(fs)) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                LocatedFileStatus st = it.next();
                if (!isHiddenBelow(st.getPath(), dir)) {
                    out.add(st.getPath());
                }
            }
            out.sort(Comparator.comparing(Path::toString));
            return out;
        }
        java.nio.file.Path top = local(fs, dir);
        // How many files had been found when each folder was entered: a folder named like an input (x.wav) that adds
        // none would otherwise vanish without a trace.
        Map<java.nio.file.Path, Integer> foundBefore = new HashMap<>();
        Files.walkFileTree(top, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(java.nio.file.Path d, BasicFileAttributes attrs) {
                if (!d.equals(top) && isHidden(hadoop(fs, d))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                foundBefore.put(d, out.size());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(java.nio.file.Path d, IOException e) {
                Path path = hadoop(fs, d);
                if (e == null && !d.equals(top) && input.test(path) && out.size() == foundBefore.get(d)) {
                    refusals.refuse(path, top.relativize(d) + ": a folder named like an audio file, with no audio file "
                            + "inside it; give the recording's file this name instead");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(java.nio.file.Path f, BasicFileAttributes attrs) {
                Path path = hadoop(fs, f);
                if (isHidden(path)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    out.add(path);
                } else if (input.test(path)) {
                    String problem = notAFile(f);
                    refusals.refuse(path, top.relativize(f) + ": " + (problem != null ? problem : "not a regular file"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(java.nio.file.Path f, IOException e) {
                Path path = hadoop(fs, f);
                if (isHidden(path)) {
                    return FileVisitResult.CONTINUE;
                }
                if (e instanceof FileSystemLoopException) {
                    refusals.refuse(path, top.relativize(f) + ": a symbolic link back into a folder above it (a loop); "
                            + "its files are not read twice");
                } else if (input.test(path) || !(e instanceof NoSuchFileException)) {
                    String problem = notAFile(f);
                    refusals.refuse(path, top.relativize(f) + ": " + (problem != null ? problem : "cannot be read ("
                            + e.getMessage() + ")"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    private static String inFolder(String label, Path path, String problem) {
        return label + "/" + path.getName() + ": " + problem + "; " + label + "/ holds files only";
    }

    /**
     * Why {@code path} names something that is there but is no file to read (a folder, a link to nothing, a link
     * loop), or null: a regular file, a missing path (found when it is read), or a path on a non-local file system.
     */
    static String notAFile(FileSystem fs, Path path) {
        if (!isLocal(fs)) {
            return null;
        }
        java.nio.file.Path p = local(fs, path);
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? notAFile(p) : null;
    }

    /** Why a local path is not a regular file to read, or null when it is one. */
    static String notAFile(java.nio.file.Path p) {
        if (Files.isRegularFile(p)) {
            return null;
        }
        if (Files.isSymbolicLink(p)) {
            String target;
            try {
                target = Files.readSymbolicLink(p).toString();
            } catch (IOException e) {
                target = "?";
            }
            try {
                p.toRealPath();
            } catch (NoSuchFileException e) {
                return "a symbolic link to " + target + ", which does not exist";
            } catch (IOException e) {
                return "a symbolic link to " + target + " that cannot be resolved (a link loop?)";
            }
            if (Files.isDirectory(p)) {
                return "a symbolic link to the folder " + target + ", not a file";
            }
            return "a symbolic link to " + target + ", which is not a regular file";
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a folder, not a file";
        }
        return "not a regular file (a device, pipe or socket)";
    }

    private static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getScheme());
    }

    private static java.nio.file.Path local(FileSystem fs, Path dir) {
        return java.nio.file.Path.of(fs.makeQualified(dir).toUri());
    }

    private static Path hadoop(FileSystem fs, java.nio.file.Path p) {
        // A folder's URI ends in '/', which would leave the Hadoop path without a name.
        String uri = p.toUri().toString();
        return fs.makeQualified(new Path(java.net.URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)));
    }

    private static boolean isHiddenBelow(Path path, Path top) {
        for (Path p = path; p != null && p.depth() > top.depth(); p = p.getParent()) {
            if (isHidden(p)) {
                return true;
            }
        }
        return false;
    }
}
