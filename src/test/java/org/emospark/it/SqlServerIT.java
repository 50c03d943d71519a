package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emospark.lake.Warehouse;
import org.emospark.testing.FreePort;
import org.emospark.testing.JobsScript;
import org.emospark.testing.ScoredLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/sql-server as a user starts it, in its own process on 127.0.0.1, queried through the Hive JDBC driver (the
 * client beeline uses) over TCP, then stopped with SIGTERM.
 */
class SqlServerIT {
    @TempDir
    Path tmp;

    @Test
    void servesTheLakesViewsToEveryJdbcSessionRegistersNewTablesAndStopsOnSigterm() throws Exception {
        long built = System.nanoTime();
        Warehouse wh = ScoredLake.buildUnevaluated(tmp);
        System.out.printf("lake written in %.1f s%n", (System.nanoTime() - built) / 1e9);
        int port = FreePort.onLoopback();
        String url = "jdbc:hive2://127.0.0.1:" + port + "/default";
        long t0 = System.nanoTime();
        try (JobsScript.Started server = JobsScript.start("sql-server", Map.of(), "--warehouse", wh.root(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--profile", "test",
                "--conf", "emospark.sqlServer.refreshSeconds=2")) {
            server.awaitStdout(" at " + url + "\n", 180);
            System.out.printf("sql-server listening after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String started = server.stdoutSoFar();
            assertTrue(started.contains("views:  recording_emotion_latest, emotion_timeline\n")
                    && started.contains("waiting: model_leaderboard (needs evaluations)"), started);
            for (InetAddress other : otherAddressesOfThisHost()) {
                assertThrows(IOException.class, () -> connect(other, port), "listens on 127.0.0.1 only, not on " + other);
            }

            Class.forName("org.apache.hive.jdbc.HiveDriver");
            try (Connection first = DriverManager.getConnection(url, "emospark", "");
                 Connection second = DriverManager.getConnection(url, "emospark", "")) {
                List<String> latest = rows(first, "SELECT recording_id, model_id, split, arousal_mean "
                        + "FROM recording_emotion_latest ORDER BY recording_id");
                assertEquals(List.of(
                        "Test_01|" + ScoredLake.NEW + "|Test|0.22",
                        "Test_02|" + ScoredLake.NEW + "|Test|0.33",
                        "Train_01|" + ScoredLake.OLD + "|Train|0.44"), latest);
                System.out.printf("recording_emotion_latest answered after %.1f s%n", (System.nanoTime() - t0) / 1e9);
                // Each connection is its own Spark session: the names resolve in the second one too.
                assertEquals(List.of("7"), rows(second, "SELECT count(*) FROM emotion_timeline"));
                System.out.printf("emotion_timeline answered after %.1f s%n", (System.nanoTime() - t0) / 1e9);

                // evaluate writes the evaluations table while the server runs: the next refresh registers it.
                ScoredLake.addEvaluations(wh);
                server.awaitStdout("views:  model_leaderboard\n", 120);
                System.out.printf("evaluations registered after %.1f s%n", (System.nanoTime() - t0) / 1e9);
                assertEquals(List.of(ScoredLake.NEW + "|0.5"), rows(second,
                        "SELECT model_id, round(test_ccc_mean, 3) FROM model_leaderboard WHERE test_ccc_mean IS NOT NULL"));
                assertEquals(List.of("4"), rows(second, "SELECT count(*) FROM recordings"));
            }
            System.out.printf("queries answered after %.1f s%n", (System.nanoTime() - t0) / 1e9);

            JobsScript.Run stopped = server.terminate(60);
            assertEquals(143, stopped.exitCode(), "the JVM's status for SIGTERM after its shutdown hooks ran\n" + stopped.all());
            assertTrue(stopped.stdout().contains("Stopped the SQL server at " + url + "\n"), stopped.all());
        }
        assertThrows(IOException.class, () -> connect(InetAddress.getLoopbackAddress(), port),
                "nothing listens on the port any more");
        System.out.printf("sql-server stopped after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    cells.add(rs.getString(c));
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
        }
    }

    private static List<InetAddress> otherAddressesOfThisHost() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
            }
        }
        return addresses;
    }
}
