package org.emospark.jobs;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.emospark.config.ConfigKey;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.sql.CatalogSync;
import org.emospark.sql.SqlServer;
import org.emospark.sql.SqlServerSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sql-server", mixinStandardHelpOptions = true,
        description = {"Serve the warehouse over JDBC: Spark's Thrift server (jdbc:hive2://HOST:PORT/DATABASE, e.g. with",
                "beeline or the Hive JDBC driver), with every lake table and view resolvable by its plain name.",
                "Runs until stopped (SIGTERM or Ctrl-C); tables that appear in the lake later are registered",
                "every emospark.sqlServer.refreshSeconds. Users with passwords: emospark.sqlServer.passwordFile",
                "(lines from sql-password); TLS: emospark.sqlServer.keyStore. Without passwords it serves",
                "loopback only."})
public final class SqlServerJob extends SparkJob {
    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to listen on (default: emospark.sqlServer.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: emospark.sqlServer.port, 10000).")
    Integer port;

    /** Who may connect, as the configuration says; checked in {@link #validate}, before Spark starts. */
    private SqlServerSecurity security;

    @Override
    protected String appName() {
        return "emospark sql-server";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        port(config);
        security = security(config);
        security.check(host(config));
        refreshSeconds(config);
    }

    private static SqlServerSecurity security(EmosparkConfig config) {
        return new SqlServerSecurity(path(config, ConfigKeys.SQL_SERVER_PASSWORD_FILE),
                path(config, ConfigKeys.SQL_SERVER_KEY_STORE), path(config, ConfigKeys.SQL_SERVER_KEY_STORE_PASSWORD_FILE),
                config.getBoolean(ConfigKeys.SQL_SERVER_ALLOW_UNAUTHENTICATED));
    }

    private static Path path(EmosparkConfig config, ConfigKey key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) throws InterruptedException {
        CountDownLatch stopAsked = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run the JVM's shutdown hooks: this one lets the loop below stop the server and say so
        // before the JVM exits.
        Thread hook = new Thread(() -> {
            stopAsked.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "emospark-sql-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (SqlServer server = SqlServer.start(warehouse, config.get(ConfigKeys.SQL_SERVER_DATABASE), host(config),
                port(config), security)) {
            say("Serving " + warehouse + " at " + server.jdbcUrl() + "\n" + ResultText.of(server.firstSync()));
            int refresh = refreshSeconds(config);
            while (!stopAsked.await(refresh, TimeUnit.SECONDS)) {
                CatalogSync sync = server.refresh();
                if (sync.registeredAnything()) {
                    say("Registered what appeared in the lake\n" + ResultText.of(sync));
                }
            }
            server.close();
            say("Stopped the SQL server at " + server.jdbcUrl() + "\n");
        } finally {
            stopped.countDown();
        }
        return "";
    }

    private static void say(String text) {
        System.out.print(text);
        System.out.flush();
    }

    private String host(EmosparkConfig config) {
        String h = host != null ? host : config.get(ConfigKeys.SQL_SERVER_HOST);
        if (h == null || h.isBlank()) {
            throw new IllegalArgumentException((host != null ? "--host" : ConfigKeys.SQL_SERVER_HOST.name())
                    + " must name an address, e.g. 127.0.0.1");
        }
        return h.trim();
    }

    private int port(EmosparkConfig config) {
        int p = port != null ? port : config.getInt(ConfigKeys.SQL_SERVER_PORT);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException((port != null ? "--port" : ConfigKeys.SQL_SERVER_PORT.name())
                    + " must be between 0 and 65535, cannot be: " + p);
        }
        return p;
    }

    private static int refreshSeconds(EmosparkConfig config) {
        int s = config.getInt(ConfigKeys.SQL_SERVER_REFRESH_SECONDS);
        if (s < 1) {
            throw new IllegalArgumentException(ConfigKeys.SQL_SERVER_REFRESH_SECONDS.name()
                    + " must be at least 1, cannot be: " + s);
        }
        return s;
    }
}
