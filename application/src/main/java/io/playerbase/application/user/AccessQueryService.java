package io.playerbase.application.user;

import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.AccountAccess;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.Role;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
final class AccessQueryService implements AccessQueries {

    private final AccountAccessLookup accounts;

    AccessQueryService(AccountAccessLookup accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<List<String>> activeRoles(UserId userId) {
        return accounts.find(userId)
                .filter(AccountAccess::canAuthenticate)
                .map(access -> access.roles().stream().map(Role::wire).sorted().toList());
    }
}
