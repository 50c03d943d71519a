package org.emospark.sql;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import scala.Option;

/**
 * Puts the lake into a database of the session's catalog, so that every session of the application (every JDBC
 * session of the Thrift server among them) resolves the lake's names: each existing lake table as an external
 * Delta table at its folder, each {@link LakeViews} view as a permanent view. Queries always read the tables'
 * latest Delta versions; the catalog only holds names, locations and view text.
 *
 * <p>The catalog is Spark's: its in-memory catalog (the default) lives as long as the application, so the lake is
 * registered again at every start; with {@code spark.sql.catalogImplementation=hive} the entries go to the Hive
 * metastore the Spark configuration names and outlive the application. A table already in the database must point
 * at this warehouse's folder: another warehouse's table of the same name is never silently repointed.
 *
 * <p>{@link #sync()} registers what is new since the last call (a table a later job created, a view whose inputs
 * now all exist); views are replaced on their first registration by this instance, so a metastore that holds an
 * older definition gets the current one.
 */
public final class LakeCatalog {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Warehouse warehouse;
    private final String database;
    private final Set<String> registered = new HashSet<>();

    public LakeCatalog(Warehouse warehouse, String database) {
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name must be letters, digits and underscores, not starting "
                    + "with a digit, cannot be: " + database);
        }
        this.warehouse = warehouse;
        this.database = database;
    }

    public String database() {
        return database;
    }

    /** Registers the tables and views that are not registered yet and whose data exists; see the class comment. */
    public synchronized CatalogSync sync() {
        SparkSession spark = warehouse.spark();
        spark.sparkContext().setJobDescription("Registering the lake " + warehouse + " in database " + database);
        spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        // A permanent view resolves the plain names in its query in the database it was created from.
        spark.catalog().setCurrentDatabase(database);
        List<String> tables = new ArrayList<>();
        for (TableDef table : Tables.all()) {
            if (registered.contains(table.name()) || !existsNow(spark, table)) {
                continue;
            }
            if (spark.catalog().tableExists(database, table.name())) {
                requireSameLocation(spark, table);
            } else {
                spark.sql("CREATE TABLE IF NOT EXISTS `" + database + "`.`" + table.name() + "` USING delta LOCATION "
                        + literal(warehouse.pathOf(table)));
            }
            tables.add(table.name());
            registered.add(table.name());
        }
        List<String> views = new ArrayList<>();
        Map<String, List<String>> waiting = new LinkedHashMap<>();
        for (LakeView view : LakeViews.all()) {
            if (registered.contains(view.name())) {
                continue;
            }
            List<String> missing = view.reads().stream().filter(r -> !registered.contains(r)).toList();
            if (missing.isEmpty()) {
                spark.sql("CREATE OR REPLACE VIEW `" + database + "`.`" + view.name() + "` AS " + view.query());
                views.add(view.name());
                registered.add(view.name());
            } else {
                waiting.put(view.name(), missing);
            }
        }
        return new CatalogSync(database, tables, views, waiting);
    }

    /**
     * Whether the table has a commit, read from its Delta log now. Not {@link Warehouse#exists}: in a long-lived
     * session it answers from Delta's cache of logs, and a log first seen while another process was creating the
     * table (its folder made, its first commit not yet written) stays "no table" there for good.
     */
    private boolean existsNow(SparkSession spark, TableDef table) {
        try {
            // Resolving the table brings its cached log up to date (Delta's staleness limit is 0 by default).
            spark.read().format("delta").load(warehouse.pathOf(table)).schema();
            return true;
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                return false;  // no folder, or no commit in it yet
            }
            throw e;
        }
    }

    private void requireSameLocation(SparkSession spark, TableDef table) {
        CatalogTable existing;
        try {
            existing = spark.sessionState().catalog().getTableMetadata(new TableIdentifier(table.name(), Option.apply(database)));
        } catch (AnalysisException e) {
            throw new IllegalStateException("Cannot read " + database + "." + table.name() + " from the catalog", e);
        }
        String expected = new Path(warehouse.pathOf(table)).toString();
        String actual = existing.tableType() == CatalogTableType.VIEW() || existing.storage().locationUri().isEmpty()
                ? "a " + existing.tableType().name().toLowerCase() + " without a location"
                : new Path((URI) existing.storage().locationUri().get()).toString();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("Table " + database + "." + table.name() + " in the catalog is " + actual
                    + ", not this warehouse's " + expected + ": serve this warehouse from another database "
                    + "(emospark.sqlServer.database) or drop that table");
        }
    }

    /** A Spark SQL string literal. */
    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
