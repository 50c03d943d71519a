package org.emospark.jobs;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.emospark.sql.PasswordFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sql-password", mixinStandardHelpOptions = true,
        description = {"Print a line for the SQL server's password file (emospark.sqlServer.passwordFile): the user",
                "name and a salted PBKDF2 hash of the password, which is asked for on the terminal (or read as the",
                "first line of standard input), e.g. jobs/emospark sql-password --user analyst >> conf/sql-users.",
                "No Spark is started."})
public final class SqlPasswordCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user name clients give.")
    String user;

    @Override
    public Integer call() throws IOException {
        char[] password = password();
        System.out.println(PasswordFile.entry(user, password));
        java.util.Arrays.fill(password, '\0');
        return 0;
    }

    private static char[] password() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || !java.util.Arrays.equals(first, again)) {
                throw new IllegalArgumentException("The two passwords differ");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("No password on standard input");
        }
        return line.toCharArray();
    }
}
