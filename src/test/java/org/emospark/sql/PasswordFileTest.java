package org.emospark.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path tmp;

    private Path file(String content) throws IOException {
        Path f = tmp.resolve("users");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void theRightPasswordOfAListedUserPassesAndNothingElseDoes() throws IOException {
        String analyst = PasswordFile.entry("analyst", "s3cret pass".toCharArray());
        String ops = PasswordFile.entry("ops@team", "other".toCharArray());
        assertFalse(analyst.contains("s3cret"), "only the hash is written: " + analyst);
        PasswordFile users = PasswordFile.read(file("# who may query the lake\n" + analyst + "\n\n" + ops + "\n"));

        assertTrue(users.verify("analyst", "s3cret pass"));
        assertTrue(users.verify("ops@team", "other"));
        assertFalse(users.verify("analyst", "s3cret pas"));
        assertFalse(users.verify("analyst", "other"), "another user's password");
        assertFalse(users.verify("analyst", ""));
        assertFalse(users.verify("analyst", null));
        assertFalse(users.verify("nobody", "s3cret pass"));
        assertFalse(users.verify(null, "s3cret pass"));
        assertNotEquals(analyst.split(":")[3], PasswordFile.entry("analyst", "s3cret pass".toCharArray()).split(":")[3],
                "a fresh salt per line");
    }

    @Test
    void aMalformedFileIsRefusedNamingItsLine() throws IOException {
        String good = PasswordFile.entry("a", "pw".toCharArray());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> PasswordFile.read(file(good + "\nb:plain-password\n")));
        assertTrue(shape.getMessage().contains("line 2") && shape.getMessage().contains("sql-password"), shape.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> PasswordFile.read(file(good + "\n" + good + "\n")));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        String weak = good.replace(":" + PasswordFile.ITERATIONS + ":", ":1000:");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordFile.read(file(weak)))
                .getMessage().contains("10000 iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordFile.read(file("# nobody\n")))
                .getMessage().contains("lists no user"));
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.entry("has space", "pw".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.entry("a", new char[0]));
    }
}
