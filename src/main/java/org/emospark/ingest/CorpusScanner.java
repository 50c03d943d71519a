package org.emospark.ingest;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/** Lists the recordings of an input on the driver; reads metadata and small files only, never audio. */
public interface CorpusScanner {
    SourceListing scan(String input, String corpus, Configuration hadoopConf) throws IOException;

    static CorpusScanner forLayout(CorpusLayout layout, String manifestFormat) {
        return switch (layout) {
            case AVEC2017 -> new AvecLayoutScanner();
            case MANIFEST -> new ManifestScanner(manifestFormat);
            case ARCHIVE -> new ArchiveScanner();
        };
    }
}
