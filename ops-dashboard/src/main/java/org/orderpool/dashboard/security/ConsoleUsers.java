package org.orderpool.dashboard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The console's users: from configuration ({@code orderpool.console.users}, the local profile's demo
 * users) and from a users file ({@code orderpool.console.users-file}, production's, mounted as a secret).
 * Passwords are bcrypt hashes only; a plain password is refused at start-up.
 *
 * <p>The users file has one user a line, {@code name:ROLE:bcrypt-hash} (ROLE is OPERATOR or VIEWER);
 * blank lines and lines starting with {@code #} are ignored. {@code htpasswd -nbBC 12 name password}
 * prints {@code name:hash}; insert the role between them.
 */
public final class ConsoleUsers {

    /** A user as configured. */
    public record ConsoleUser(String name, String passwordHash, ConsoleRole role) {
    }

    private static final Pattern BCRYPT = Pattern.compile("\\$2[abyx]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private ConsoleUsers() {
    }

    /** Every user of both sources; a name in both is an error, as is a malformed line or hash. */
    public static List<UserDetails> load(final List<ConsoleUser> configured, final Path usersFile) {
        final Map<String, ConsoleUser> users = new LinkedHashMap<>();
        for (final ConsoleUser user : configured) {
            add(users, user, "orderpool.console.users");
        }
        if (usersFile != null && !usersFile.toString().isBlank()) {
            for (final ConsoleUser user : parse(usersFile)) {
                add(users, user, usersFile.getFileName().toString());
            }
        }
        final List<UserDetails> details = new ArrayList<>();
        users.values().forEach(user -> details.add(User.withUsername(user.name()).password("{bcrypt}" + user.passwordHash())
                .authorities(user.role().authority()).build()));
        return details;
    }

    /** The users of a users file. */
    public static List<ConsoleUser> parse(final Path usersFile) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(usersFile, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the console's users file " + usersFile + ": " + e.getMessage(), e);
        }
        final List<ConsoleUser> users = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException(usersFile.getFileName() + " line " + (i + 1) + ": expected name:ROLE:bcrypt-hash");
            }
            users.add(new ConsoleUser(parts[0], parts[2], role(parts[1], usersFile.getFileName() + " line " + (i + 1))));
        }
        return users;
    }

    private static ConsoleRole role(final String text, final String where) {
        try {
            return ConsoleRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": role must be OPERATOR or VIEWER, not '" + text + "'");
        }
    }

    private static void add(final Map<String, ConsoleUser> users, final ConsoleUser user, final String source) {
        if (user.name() == null || !NAME.matcher(user.name()).matches()) {
            throw new IllegalArgumentException(source + ": user name '" + user.name() + "' must be 1-64 letters, digits or ._@-");
        }
        if (user.role() == null) {
            throw new IllegalArgumentException(source + ": user " + user.name() + " has no role (OPERATOR or VIEWER)");
        }
        if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
            throw new IllegalArgumentException(source + ": the password of user " + user.name()
                    + " must be a bcrypt hash ($2a$/$2b$/$2y$), never the password itself");
        }
        if (users.putIfAbsent(user.name(), user) != null) {
            throw new IllegalArgumentException(source + ": user " + user.name() + " is defined twice");
        }
    }
}
