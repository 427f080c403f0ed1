package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.DisableReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralQueries;
import io.playerbase.application.referral.port.in.ReferralSummaryView;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

@Singleton
final class DisableReferralCodeService implements DisableReferralCodeUseCase {

    private final ReferralAccounts accounts;
    private final ReferralQueries queries;
    private final Clock clock;

    DisableReferralCodeService(ReferralAccounts accounts, ReferralQueries queries, Clock clock) {
        this.accounts = accounts;
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public ReferralSummaryView disable(Command command) {
        ReferralAccount account = accounts.find(command.owner())
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        if (account.code() == null) {
            throw new RuleViolation("referral-code-missing", "This account has no referral code yet");
        }
        accounts.disableCode(command.owner(), AuditEntry.of(command.owner(), command.actor(), "referral.code_disabled",
                ReferralProgress.MODULE, List.of("referral_code_disabled"), clock.instant()));
        return queries.summary(command.owner(), PageRequest.first(PageRequest.DEFAULT_LIMIT));
    }
}
