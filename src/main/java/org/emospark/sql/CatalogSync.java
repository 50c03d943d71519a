package org.emospark.sql;

import java.util.List;
import java.util.Map;

/**
 * What one {@link LakeCatalog#sync()} did: the tables and views it registered, and the views still waiting for
 * tables the lake does not have yet (view name to the missing names).
 */
public record CatalogSync(String database, List<String> tables, List<String> views, Map<String, List<String>> waiting) {

    public CatalogSync {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        waiting = Map.copyOf(waiting);
    }

    public boolean registeredAnything() {
        return !tables.isEmpty() || !views.isEmpty();
    }
}
