package io.playerbase.domain.user;

import io.playerbase.domain.shared.UserId;

import java.util.Optional;

/**
 * Outgoing port: the current status and roles of an account, read from the primary (never a lagging
 * replica) on each authenticated request, so a suspension or a removed role takes effect at once.
 */
@FunctionalInterface
public interface AccountAccessLookup {

    Optional<AccountAccess> find(UserId userId);
}
