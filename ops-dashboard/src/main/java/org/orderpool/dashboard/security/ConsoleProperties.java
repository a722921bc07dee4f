package org.orderpool.dashboard.security;

import java.nio.file.Path;
import java.util.List;
import org.orderpool.dashboard.security.ConsoleUsers.ConsoleUser;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderpool.console.*}: who may log in to the ops console.
 *
 * @param users      users with bcrypt hashes, from configuration (the local profile's demo users)
 * @param usersFile  production's users file, mounted as a secret ({@link ConsoleUsers} says its format)
 * @param oidc       the OpenID Connect login against the pool's identity provider, off unless enabled
 */
@ConfigurationProperties("orderpool.console")
public record ConsoleProperties(List<ConsoleUser> users, Path usersFile, Oidc oidc) {

    public ConsoleProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(false, null, null, null) : oidc;
    }

    /**
     * @param enabled       log in through {@code spring.security.oauth2.client.registration.*} (Spring's OAuth2 client)
     * @param rolesClaim    the ID token's claim listing the person's groups (default {@code groups})
     * @param operatorGroup the group that makes an OPERATOR (default {@code ops-operators})
     * @param viewerGroup   the group that makes a VIEWER (default {@code ops-viewers}); anyone else is refused
     */
    public record Oidc(boolean enabled, String rolesClaim, String operatorGroup, String viewerGroup) {

        public Oidc {
            rolesClaim = rolesClaim == null ? "groups" : rolesClaim;
            operatorGroup = operatorGroup == null ? "ops-operators" : operatorGroup;
            viewerGroup = viewerGroup == null ? "ops-viewers" : viewerGroup;
        }
    }
}
