package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.emospark.sql.PasswordFile;
import org.emospark.testing.FreePort;
import org.emospark.testing.JobsScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/sql-server with passwords and TLS as a data team would start it, reached with the Hive JDBC driver: no
 * password, a wrong one and an unknown user are refused; the right one answers, over TLS only. Without passwords
 * it refuses to listen beyond loopback before starting Spark (exit 2, as for any argument refused at the door).
 */
class SqlServerSecurityIT {
    @TempDir
    Path tmp;

    @Test
    void passwordsAndTlsDecideWhoIsAnswered() throws Exception {
        Path users = tmp.resolve("sql-users");
        Files.writeString(users, PasswordFile.entry("analyst", "right horse battery".toCharArray()) + "\n");
        Path keyStore = tmp.resolve("server.p12");
        Path trustStore = tmp.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "store-pw", "-keypass", "store-pw");
        Path cert = tmp.resolve("server.crt");
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "store-pw",
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trust-pw");
        Path storePassword = tmp.resolve("store-password");
        Files.writeString(storePassword, "store-pw\n");

        int port = FreePort.onLoopback();
        String base = "jdbc:hive2://127.0.0.1:" + port + "/default";
        String tls = ";ssl=true;sslTrustStore=" + trustStore + ";trustStorePassword=trust-pw";
        try (JobsScript.Started server = JobsScript.start("sql-server", Map.of(), "--warehouse",
                tmp.resolve("wh").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--profile", "test",
                "--conf", "emospark.sqlServer.passwordFile=" + users,
                "--conf", "emospark.sqlServer.keyStore=" + keyStore,
                "--conf", "emospark.sqlServer.keyStorePasswordFile=" + storePassword)) {
            server.awaitStdout(" at " + base + ";ssl=true\n", 180);
            Class.forName("org.apache.hive.jdbc.HiveDriver");
            // The driver's socket timeout: a plain client talking to a TLS port must fail, not wait for ever.
            DriverManager.setLoginTimeout(30);

            assertRefused(base + tls, "analyst", "", "no password");
            assertRefused(base + tls, "analyst", "wrong horse battery", "a wrong password");
            assertRefused(base + tls, "mallory", "right horse battery", "an unknown user");
            assertRefused(base, "analyst", "right horse battery", "the right password without TLS");
            try (Connection c = DriverManager.getConnection(base + tls, "analyst", "right horse battery");
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1), "the right password over TLS is answered");
            }
            server.terminate(60);
        }
    }

    @Test
    void withoutPasswordsItRefusesToListenBeyondLoopbackInOneLine() throws Exception {
        JobsScript.Run open = JobsScript.runScript("sql-server", Map.of(), "--warehouse", tmp.resolve("wh").toString(),
                "--host", "0.0.0.0", "--port", Integer.toString(FreePort.onLoopback()), "--profile", "test");
        assertEquals(2, open.exitCode(), "an argument refused at the door, the CLI's usage status\n" + open.all());
        assertTrue(open.stderr().contains("Refusing to serve the lake on 0.0.0.0 without passwords"), open.all());
        assertTrue(open.stderr().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + open.all());
    }

    private static void assertRefused(String url, String user, String password, String what) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 Statement st = c.createStatement()) {
                st.executeQuery("SELECT 1").close();
            }
        }, what + " must be refused");
        System.out.println(what + ": " + e.getMessage());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            fail("keytool " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
