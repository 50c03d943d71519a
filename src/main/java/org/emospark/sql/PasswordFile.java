package org.emospark.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The SQL server's users: one line per user, {@code NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in
 * Base64), blank lines and {@code #} comments allowed. Only salted PBKDF2 hashes are stored, so the file can be read
 * by whoever runs the server without giving the passwords away; {@link #entry} makes a line
 * ({@code jobs/emospark sql-password}).
 *
 * <p>PBKDF2 with HMAC-SHA256 is the JDK's own ({@code javax.crypto}): no library to add for one hash, and a
 * format the JDK will read as long as it runs.
 */
public final class PasswordFile {
    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private record Hash(int iterations, byte[] salt, byte[] hash) {}

    private final Map<String, Hash> users;

    private PasswordFile(Map<String, Hash> users) {
        this.users = users;
    }

    /**
     * Reads and checks the whole file.
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed entry, or when it names no user
     */
    public static PasswordFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Hash> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            String[] f = line.split(":", -1);
            if (f.length != 5 || !SCHEME.equals(f[1])) {
                throw new IllegalArgumentException(where + ": expected NAME:" + SCHEME + ":ITERATIONS:SALT:HASH "
                        + "(make lines with jobs/emospark sql-password --user NAME)");
            }
            if (!USER.matcher(f[0]).matches()) {
                throw new IllegalArgumentException(where + ": a user name is 1 to 64 letters, digits or ._@-, cannot be: "
                        + f[0]);
            }
            Hash hash;
            try {
                hash = new Hash(Integer.parseInt(f[2]), Base64.getDecoder().decode(f[3]), Base64.getDecoder().decode(f[4]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": the iterations, salt or hash do not parse: " + e.getMessage());
            }
            if (hash.iterations() < 10_000 || hash.salt().length < 8 || hash.hash().length * 8 != HASH_BITS) {
                throw new IllegalArgumentException(where + ": at least 10000 iterations, an 8-byte salt and a "
                        + HASH_BITS + "-bit hash are needed");
            }
            if (users.put(f[0], hash) != null) {
                throw new IllegalArgumentException(where + ": user " + f[0] + " is listed twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no user: add one with jobs/emospark sql-password --user NAME");
        }
        return new PasswordFile(users);
    }

    /** Whether {@code password} is {@code user}'s; the same work for an unknown user, so timing does not tell. */
    public boolean verify(String user, String password) {
        Hash known = user == null ? null : users.get(user);
        Hash against = known != null ? known : users.values().iterator().next();
        byte[] given = pbkdf2(password == null ? new char[0] : password.toCharArray(), against.salt(),
                against.iterations());
        return MessageDigest.isEqual(given, against.hash()) && known != null;
    }

    /** A password file line for {@code user}, with a fresh random salt. */
    public static String entry(String user, char[] password) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("A user name is 1 to 64 letters, digits or ._@-, cannot be: " + user);
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("The password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return user + ":" + SCHEME + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
