package org.emospark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlServerSecurityTest {
    @TempDir
    Path tmp;

    @Test
    void withoutPasswordsOnlyLoopbackIsServedUnlessAskedForByName() throws IOException {
        SqlServerSecurity.none().check("127.0.0.1");
        SqlServerSecurity.none().check("localhost");
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> SqlServerSecurity.none().check("0.0.0.0"));
        assertTrue(open.getMessage().contains("without passwords")
                && open.getMessage().contains("emospark.sqlServer.passwordFile"), open.getMessage());
        new SqlServerSecurity(null, null, null, true).check("0.0.0.0");

        Path users = tmp.resolve("users");
        Files.writeString(users, PasswordFile.entry("analyst", "pw".toCharArray()) + "\n");
        SqlServerSecurity passwords = new SqlServerSecurity(users, null, null, false);
        passwords.check("0.0.0.0");
        Map<String, String> hive = passwords.hiveProperties();
        assertEquals("CUSTOM", hive.get("hive.server2.authentication"));
        assertEquals(PasswordFileAuthenticator.class.getName(), hive.get("hive.server2.custom.authentication.class"));
        assertEquals(users.toAbsolutePath().toString(), hive.get(PasswordFileAuthenticator.FILE_PROPERTY));
        assertEquals("false", hive.get("hive.server2.use.SSL"));
        assertEquals("NONE", SqlServerSecurity.none().hiveProperties().get("hive.server2.authentication"));

        Files.writeString(users, "analyst:pw\n");
        assertThrows(IllegalArgumentException.class, () -> passwords.check("127.0.0.1"), "a broken file is found at the door");
    }

    @Test
    void aKeyStoreMustOpenWithThePasswordInItsFile() throws Exception {
        Path store = tmp.resolve("server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "store-pw".toCharArray());
        }
        Path right = tmp.resolve("right");
        Files.writeString(right, "store-pw\n");
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "nope\n");

        SqlServerSecurity tls = new SqlServerSecurity(null, store, right, false);
        tls.check("127.0.0.1");
        assertTrue(tls.tls());
        assertEquals("true", tls.hiveProperties().get("hive.server2.use.SSL"));
        assertEquals("store-pw", tls.hiveProperties().get("hive.server2.keystore.password"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new SqlServerSecurity(null, store, wrong, false).check("127.0.0.1"));
        assertTrue(bad.getMessage().contains("Cannot open the SQL server's key store"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SqlServerSecurity(null, store, null, false).check("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new SqlServerSecurity(null, null, right, false).check("127.0.0.1"));
    }
}
