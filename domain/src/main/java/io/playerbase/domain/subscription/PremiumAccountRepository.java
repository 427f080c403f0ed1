package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.util.Optional;

/**
 * Outgoing port for an account's side of the subscription module ({@code modules.subscription} of the
 * user document): manual grants and the account's copy of its subscription.
 */
public interface PremiumAccountRepository {

    /** Empty when there is no such account. */
    Optional<PremiumAccount> find(UserId userId);

    /**
     * Stores the account side with its audit entry in one write, if nobody changed it since it was read
     * ({@link PremiumAccount#version()}), else {@link io.playerbase.domain.shared.Conflict#stale}.
     */
    void update(PremiumAccount account, AuditEntry audit);
}
