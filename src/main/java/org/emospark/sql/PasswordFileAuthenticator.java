package org.emospark.sql;

import java.io.IOException;
import java.nio.file.Path;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2's custom password check ({@code hive.server2.authentication=CUSTOM}), answered from the
 * {@link PasswordFile} that {@link SqlServer} names in {@value #FILE_PROPERTY}. Hive makes an instance per login with
 * the no-argument constructor, so the file is read each time: users added to it need no restart.
 */
public final class PasswordFileAuthenticator implements PasswdAuthenticationProvider {
    static final String FILE_PROPERTY = "emospark.sqlServer.passwordFile";

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            throw new AuthenticationException("The SQL server has no password file");
        }
        PasswordFile users;
        try {
            users = PasswordFile.read(Path.of(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new AuthenticationException("The SQL server cannot read its password file", e);
        }
        if (!users.verify(user, password)) {
            // One answer for an unknown user and a wrong password: the client learns nothing about who exists.
            throw new AuthenticationException("Wrong user name or password for user " + user);
        }
    }
}
