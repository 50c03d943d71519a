package org.emospark.lake;

/** What one keyed write did to a table. */
public record MergeCounts(String table, long inserted, long updated, long deleted, long version) {
    public boolean changedAnything() {
        return inserted + updated + deleted > 0;
    }

    @Override
    public String toString() {
        return String.format("%s: +%d new, %d changed, -%d removed", table, inserted, updated, deleted);
    }
}
