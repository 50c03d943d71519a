package org.emospark.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** File-name rules shared by the scanners. */
final class InputFiles {
    private InputFiles() {
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

    /** Visible regular files directly inside {@code dir}, sorted by name; empty when the folder is absent. */
    static List<Path> listFiles(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            if (st.isFile() && !isHidden(st.getPath())) {
                out.add(st.getPath());
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /** Visible regular files anywhere below {@code dir}, sorted by path. */
    static List<Path> listFilesRecursively(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
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

    private static boolean isHiddenBelow(Path path, Path top) {
        for (Path p = path; p != null && p.depth() > top.depth(); p = p.getParent()) {
            if (isHidden(p)) {
                return true;
            }
        }
        return false;
    }
}
