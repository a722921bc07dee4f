package org.orderpool.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderpool.dashboard.security.ConsoleUsers.ConsoleUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class ConsoleUsersTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("s3cret-pass");

    @TempDir
    Path dir;

    @Test
    void shouldReadAUsersFileOfNamesRolesAndBcryptHashes() throws IOException {
        final Path file = Files.writeString(dir.resolve("console-users"), "# ops team\n\nanna:OPERATOR:" + HASH + "\nbo:viewer:" + HASH + "\n");

        final List<UserDetails> users = ConsoleUsers.load(List.of(), file);

        assertThat(users).extracting(UserDetails::getUsername).containsExactly("anna", "bo");
        assertThat(users.get(0).getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_OPERATOR");
        assertThat(users.get(1).getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_VIEWER");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret-pass", users.get(0).getPassword())).isTrue();
    }

    @Test
    void shouldRefuseAPlainPasswordAnUnknownRoleAndADuplicateUser() throws IOException {
        assertThatThrownBy(() -> ConsoleUsers.load(List.of(), Files.writeString(dir.resolve("plain"), "anna:OPERATOR:s3cret-pass\n")))
                .hasMessageContaining("must be a bcrypt hash").hasMessageNotContaining("s3cret-pass");
        assertThatThrownBy(() -> ConsoleUsers.load(List.of(), Files.writeString(dir.resolve("role"), "anna:ADMIN:" + HASH + "\n")))
                .hasMessageContaining("line 1").hasMessageContaining("OPERATOR or VIEWER");
        assertThatThrownBy(() -> ConsoleUsers.load(List.of(new ConsoleUser("anna", HASH, ConsoleRole.VIEWER)),
                Files.writeString(dir.resolve("twice"), "anna:OPERATOR:" + HASH + "\n"))).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> ConsoleUsers.load(List.of(), Files.writeString(dir.resolve("short"), "anna:" + HASH + "\n")))
                .hasMessageContaining("expected name:ROLE:bcrypt-hash");
    }

    @Test
    void shouldAddAUserToAUsersFileAsABcryptHashOnlyItsOwnerReads() throws IOException {
        final Path file = dir.resolve("console-users.secret");

        ConsoleUsersFile.add(file, "anna", ConsoleRole.OPERATOR, "correct horse battery".toCharArray());
        ConsoleUsersFile.add(file, "bo", ConsoleRole.VIEWER, "staple gun of doom".toCharArray());

        assertThat(Files.readString(file)).doesNotContain("correct horse battery").startsWith("anna:OPERATOR:$2a$12$");
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        final List<UserDetails> users = ConsoleUsers.load(List.of(), file);
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("staple gun of doom", users.get(1).getPassword())).isTrue();
        assertThatThrownBy(() -> ConsoleUsersFile.add(file, "anna", ConsoleRole.VIEWER, "another long one".toCharArray()))
                .hasMessageContaining("already has a user anna");
        assertThatThrownBy(() -> ConsoleUsersFile.add(file, "cy", ConsoleRole.VIEWER, "short".toCharArray()))
                .hasMessageContaining("at least 12");
    }
}
