package org.orderpool.dashboard.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Adds a user to the console's users file ({@link ConsoleUsers} format), the password read from the
 * terminal (or standard input) and stored only as a bcrypt hash; the file is made readable by its owner
 * only. From the image: {@code docker compose run --rm --entrypoint java ops-dashboard -cp /app/app.jar
 * -Dloader.main=org.orderpool.dashboard.security.ConsoleUsersFile org.springframework.boot.loader.launch.PropertiesLauncher
 * /run/users/console-users.secret anna OPERATOR} with {@code deploy/secrets} mounted at {@code /run/users}.
 */
public final class ConsoleUsersFile {

    private ConsoleUsersFile() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ConsoleUsersFile <users-file> <name> <OPERATOR|VIEWER>   (the password is asked for)");
            System.exit(2);
        }
        final Path file = Path.of(args[0]);
        final char[] password = readPassword();
        add(file, args[1], ConsoleRole.valueOf(args[2].toUpperCase(Locale.ROOT)), password);
        System.out.println("added " + args[1] + " (" + args[2].toUpperCase(Locale.ROOT) + ") to " + file);
    }

    /** Appends the user; refuses a name the file already has and a password shorter than 12 characters. */
    public static void add(final Path file, final String name, final ConsoleRole role, final char[] password) throws IOException {
        if (password.length < 12) {
            throw new IllegalArgumentException("a console password needs at least 12 characters");
        }
        if (Files.exists(file) && ConsoleUsers.parse(file).stream().anyMatch(user -> user.name().equals(name))) {
            throw new IllegalArgumentException(file + " already has a user " + name);
        }
        final String line = name + ":" + role.name() + ":" + new BCryptPasswordEncoder(12).encode(new String(password)) + "\n";
        ConsoleUsers.load(List.of(new ConsoleUsers.ConsoleUser(name, line.split(":", 3)[2].strip(), role)), null); // the same checks as at start-up
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static char[] readPassword() throws IOException {
        final Console console = System.console();
        if (console != null) {
            return console.readPassword("password for the console user: ");
        }
        final String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
