package org.emospark.sql;

import java.net.BindException;
import java.util.List;
import org.apache.hadoop.hive.conf.HiveConf.ConfVars;
import org.apache.hadoop.hive.ql.session.SessionState;
import org.apache.hive.service.Service;
import org.apache.hive.service.ServiceException;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.emospark.lake.Warehouse;

/**
 * Spark's Thrift JDBC/ODBC server (HiveThriftServer2, HiveServer2's protocol: {@code jdbc:hive2://host:port/db})
 * over the warehouse's session. The lake is first registered in the session's catalog ({@link LakeCatalog}):
 * the server gives every JDBC connection a fresh session that shares the catalog but not the temporary views of
 * the session it was started from, so catalog entries are what makes the lake's names resolve there.
 *
 * <p>Costs: the Thrift service lives in the driver (Hive's 5 to 500 handler threads, one per open connection);
 * every statement runs as Spark jobs of this application, so connections share its executors. A
 * {@link #refresh()} checks each lake table not yet registered for a Delta log.
 */
public final class SqlServer implements AutoCloseable {
    private final HiveThriftServer2 server;
    private final LakeCatalog catalog;
    private final CatalogSync firstSync;
    private final String host;
    private final int port;
    private final SqlServerSecurity security;

    private SqlServer(HiveThriftServer2 server, LakeCatalog catalog, CatalogSync firstSync, String host, int port,
                      SqlServerSecurity security) {
        this.server = server;
        this.catalog = catalog;
        this.firstSync = firstSync;
        this.host = host;
        this.port = port;
        this.security = security;
    }

    /** Registers the lake in {@code database} and listens on {@code host:port} (port 0: any free port), loopback only. */
    public static SqlServer start(Warehouse warehouse, String database, String host, int port) {
        return start(warehouse, database, host, port, SqlServerSecurity.none());
    }

    /**
     * Registers the lake in {@code database} and listens on {@code host:port} (port 0: any free port) with the users
     * and TLS {@code security} gives ({@link SqlServerSecurity#check} first).
     */
    public static SqlServer start(Warehouse warehouse, String database, String host, int port,
                                  SqlServerSecurity security) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The SQL server's host must be set, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The SQL server's port must be between 0 and 65535, cannot be: " + port);
        }
        for (String env : List.of("HIVE_SERVER2_THRIFT_BIND_HOST", "HIVE_SERVER2_THRIFT_PORT")) {
            if (System.getenv(env) != null) {
                throw new IllegalArgumentException(env + " is set in the environment and would win over the host and "
                        + "port asked for: unset it");
            }
        }
        security.check(host);
        requireDeltaOnTheJvmClassPath();
        // Every HiveConf built from now on applies these, including the one a Hive metastore client creates on the
        // first catalog access below and the Thrift service then reuses (Spark's built-in Hive shares the thread's
        // Hive session); the session's SQL settings would reach only the latter's own HiveConf, when there is one.
        System.setProperty(ConfVars.HIVE_SERVER2_THRIFT_BIND_HOST.varname, host);
        System.setProperty(ConfVars.HIVE_SERVER2_THRIFT_PORT.varname, Integer.toString(port));
        System.setProperty(ConfVars.HIVE_SERVER2_TRANSPORT_MODE.varname, "binary");
        security.hiveProperties().forEach(System::setProperty);
        LakeCatalog catalog = new LakeCatalog(warehouse, database);
        CatalogSync first = catalog.sync();
        HiveThriftServer2 server;
        try {
            server = HiveThriftServer2.startWithContext(warehouse.spark().sqlContext());
        } catch (ServiceException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("Cannot listen on " + host + ":" + port + ": " + root.getMessage()
                    + (root instanceof BindException ? " (another server on that port? choose one with --port)" : ""), e);
        }
        String servedHost = server.getHiveConf().getVar(ConfVars.HIVE_SERVER2_THRIFT_BIND_HOST);
        int bound = boundPort(server);
        if (!host.equals(servedHost) || (port != 0 && bound != port)) {
            server.stop();
            throw new IllegalStateException("The Thrift server listens on " + servedHost + ":" + bound + ", not on "
                    + host + ":" + port + " as asked (a hive-site.xml setting hive.server2.thrift.*?)");
        }
        return new SqlServer(server, catalog, first, host, bound, security);
    }

    /**
     * Each JDBC session is opened under a Hive class loader whose parent is the loader of Hive's own classes (the
     * JVM's class path), not spark-submit's loader of --jars: a session would fail to find Delta's catalog.
     */
    private static void requireDeltaOnTheJvmClassPath() {
        String deltaCatalog = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
        try {
            Class.forName(deltaCatalog, false, SessionState.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JDBC sessions could not load " + deltaCatalog + ": Delta and the application "
                    + "must be on the driver's class path, not only among --jars (jobs/sql-server passes "
                    + "--driver-class-path target/emospark.jar:target/app-lib/*)");
        }
    }

    private static int boundPort(HiveThriftServer2 server) {
        for (Service service : server.getServices()) {
            if (service instanceof ThriftCLIService thrift) {
                return thrift.getPortNumber();
            }
        }
        throw new IllegalStateException("The Thrift server started without a Thrift service");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The URL clients connect to; with TLS it asks for {@code ssl=true} (the client adds its trust store). */
    public String jdbcUrl() {
        return "jdbc:hive2://" + host + ":" + port + "/" + catalog.database() + (security.tls() ? ";ssl=true" : "");
    }

    public SqlServerSecurity security() {
        return security;
    }

    /** What was registered before the server started listening. */
    public CatalogSync firstSync() {
        return firstSync;
    }

    /** Registers tables and views that appeared since the last sync (e.g. predictions after the first score). */
    public CatalogSync refresh() {
        return catalog.sync();
    }

    @Override
    public void close() {
        server.stop();
    }
}
