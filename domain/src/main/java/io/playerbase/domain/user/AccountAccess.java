package io.playerbase.domain.user;

import io.playerbase.domain.shared.UserId;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What decides whether an account's tokens may be used right now: its status and its current roles.
 * Read on every authenticated request, so it holds nothing else.
 */
public record AccountAccess(UserId userId, UserStatus status, Set<Role> roles) {

    public AccountAccess {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        EnumSet<Role> withPlayer = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        withPlayer.add(Role.PLAYER);
        roles = Set.copyOf(withPlayer);
    }

    public boolean canAuthenticate() {
        return status == UserStatus.ACTIVE;
    }
}
