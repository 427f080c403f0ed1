package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.application.referral.port.in.ReferralQueries;
import io.playerbase.application.referral.port.in.ReferralSummaryView;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralLink;
import io.playerbase.domain.referral.ReferralListing;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

@Singleton
final class ReferralQueryService implements ReferralQueries {

    private final ReferralAccounts accounts;
    private final ReferralListing listing;
    private final ReferralSettings settings;
    private final Clock clock;

    ReferralQueryService(ReferralAccounts accounts, ReferralListing listing, ReferralSettings settings, Clock clock) {
        this.accounts = accounts;
        this.listing = listing;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ReferralSummaryView summary(UserId userId, PageRequest page) {
        ReferralAccount account = accounts.find(userId).orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        Optional<ReferralLink> referredBy = listing.referralOf(userId);
        Page<ReferralLink> referred = listing.referredBy(userId, page);
        return new ReferralSummaryView(userId.value(), account.code(), account.codeDisabled(),
                redeemableUntil(account, referredBy.isPresent()),
                referredBy.map(link -> ReferralLinkView.of(link.referral(), link.username())).orElse(null),
                account.referralCount(), account.rewardsEarned(),
                referred.items().stream().map(link -> ReferralLinkView.of(link.referral(), link.username())).toList(),
                referred.nextCursor());
    }

    private Instant redeemableUntil(ReferralAccount account, boolean referred) {
        Instant until = account.createdAt().plus(settings.redeemWindow());
        boolean open = !referred && account.referredBy() == null && !account.compPlayer() && clock.instant().isBefore(until);
        return open ? until : null;
    }
}
