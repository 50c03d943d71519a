package org.emospark.sql;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import org.apache.hadoop.hive.conf.HiveConf.ConfVars;

/**
 * Who may use the SQL server and how they reach it: users with a password ({@link PasswordFile}, HiveServer2's
 * CUSTOM authentication) and TLS from a key store. Checked at the door, before Spark starts: a server that would
 * listen beyond loopback without passwords is refused unless that is asked for by name.
 *
 * @param passwordFile the users' file; null: no authentication (any user name, any password)
 * @param keyStore a PKCS12 or JKS key store holding the server's certificate and key; null: no TLS
 * @param keyStorePasswordFile a file whose first line is the key store's password (kept out of command lines and
 *                             configuration files); required with a key store
 * @param allowUnauthenticated listen beyond loopback without a password file all the same
 */
public record SqlServerSecurity(Path passwordFile, Path keyStore, Path keyStorePasswordFile,
                                boolean allowUnauthenticated) {

    /** Loopback only, no passwords, no TLS: the defaults. */
    public static SqlServerSecurity none() {
        return new SqlServerSecurity(null, null, null, false);
    }

    /**
     * Checks everything that can be checked without listening: the password file parses, the key store opens with
     * its password, and {@code host} is loopback unless there are passwords or {@link #allowUnauthenticated}.
     *
     * @throws IllegalArgumentException with what to change
     */
    public void check(String host) {
        if (passwordFile != null) {
            try {
                PasswordFile.read(passwordFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the SQL server's password file " + passwordFile + ": " + e, e);
            }
        } else if (!allowUnauthenticated && !isLoopback(host)) {
            throw new IllegalArgumentException("Refusing to serve the lake on " + host + " without passwords: anyone who "
                    + "reaches the port could read it. Set emospark.sqlServer.passwordFile (lines from jobs/emospark "
                    + "sql-password), listen on 127.0.0.1, or set emospark.sqlServer.allowUnauthenticated=true");
        }
        if (keyStore != null) {
            if (keyStorePasswordFile == null) {
                throw new IllegalArgumentException("emospark.sqlServer.keyStore needs emospark.sqlServer.keyStorePasswordFile, "
                        + "a file whose first line is the key store's password");
            }
            char[] password = keyStorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(keyStore)) {
                KeyStore.getInstance(KeyStore.getDefaultType()).load(in, password);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("Cannot open the SQL server's key store " + keyStore
                        + " with the password in " + keyStorePasswordFile + ": " + e.getMessage(), e);
            }
        } else if (keyStorePasswordFile != null) {
            throw new IllegalArgumentException("emospark.sqlServer.keyStorePasswordFile is set but emospark.sqlServer.keyStore "
                    + "is not: name the key store to serve TLS");
        }
    }

    /** Whether clients connect with {@code ssl=true}. */
    public boolean tls() {
        return keyStore != null;
    }

    public boolean passwords() {
        return passwordFile != null;
    }

    /** The HiveServer2 settings (and the authenticator's file) that make the Thrift service do what this says. */
    Map<String, String> hiveProperties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        if (passwordFile != null) {
            p.put(ConfVars.HIVE_SERVER2_AUTHENTICATION.varname, "CUSTOM");
            p.put(ConfVars.HIVE_SERVER2_CUSTOM_AUTHENTICATION_CLASS.varname, PasswordFileAuthenticator.class.getName());
            p.put(PasswordFileAuthenticator.FILE_PROPERTY, passwordFile.toAbsolutePath().toString());
        } else {
            p.put(ConfVars.HIVE_SERVER2_AUTHENTICATION.varname, "NONE");
        }
        p.put(ConfVars.HIVE_SERVER2_USE_SSL.varname, Boolean.toString(keyStore != null));
        if (keyStore != null) {
            p.put(ConfVars.HIVE_SERVER2_SSL_KEYSTORE_PATH.varname, keyStore.toAbsolutePath().toString());
            p.put(ConfVars.HIVE_SERVER2_SSL_KEYSTORE_PASSWORD.varname, keyStorePassword());
        }
        return p;
    }

    private String keyStorePassword() {
        try {
            String text = Files.readString(keyStorePasswordFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the key store's password file " + keyStorePasswordFile + ": "
                    + e, e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot resolve the SQL server's host " + host + ": " + e.getMessage(), e);
        }
    }
}
