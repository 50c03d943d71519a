package org.emospark.sql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A view over the lake: its name, what it answers, the tables and views it reads (by name), and its query.
 * The query names what it reads by their plain names, so it resolves the same way over temporary views
 * ({@code emospark sql}) and over catalog tables ({@code emospark sql-server}).
 */
public record LakeView(String name, String description, List<String> reads, String query) {

    public LakeView {
        reads = List.copyOf(reads);
        for (String read : reads) {
            // A renamed table must not leave a view quietly reading a name that no longer exists.
            if (!Pattern.compile("\\b" + Pattern.quote(read) + "\\b").matcher(query).find()) {
                throw new IllegalArgumentException("View " + name + " declares that it reads " + read
                        + " but its query never names it");
            }
        }
    }
}
