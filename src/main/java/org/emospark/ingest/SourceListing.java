package org.emospark.ingest;

import java.util.List;
import org.emospark.reject.RejectRecord;

/**
 * What a scan of an input found: the recordings to ingest, the inputs refused already while listing
 * (duplicates, orphans, bad manifest rows), and every file URI it looked at, which scopes the
 * refresh of the rejects table (a fixed file loses its old reject).
 */
public record SourceListing(List<RecordingSource> sources, List<RejectRecord> rejects, List<String> seenUris) {
    public SourceListing {
        sources = List.copyOf(sources);
        rejects = List.copyOf(rejects);
        seenUris = List.copyOf(seenUris);
    }
}
