package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.domain.shared.RateCounters;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Limits per account and per client address of two authenticated operations (docs/access-control.md):
 * redeeming a referral code (also at registration with a code), so codes cannot be enumerated, and
 * exporting personal data, which reads a whole account. Every attempt counts, refused ones included;
 * a spent limit answers 429 {@code too-many-requests} with {@code Retry-After}. Counted where
 * {@link AuthRateLimits} counts (shared in MongoDB by default).
 */
@Singleton
public class AccountRateLimits {

    private final boolean enabled;
    private final WindowCounters counters;
    private final ClientAddresses addresses;
    private final RateLimitPolicy referralPerAccount;
    private final RateLimitPolicy referralPerAddress;
    private final RateLimitPolicy exportPerAccount;
    private final RateLimitPolicy exportPerAddress;

    AccountRateLimits(RateLimitSettings settings, AccountLimitSettings limits, Clock clock,
                      BeanProvider<RateCounters> shared) {
        this.enabled = settings.enabled();
        this.counters = WindowCounters.of(settings, clock, shared);
        this.addresses = new ClientAddresses(settings.clientAddressHeader() == null ? "" : settings.clientAddressHeader());
        this.referralPerAccount = RateLimitPolicy.parse("referral-per-account", limits.referralPerAccount());
        this.referralPerAddress = RateLimitPolicy.parse("referral-per-address", limits.referralPerAddress());
        this.exportPerAccount = RateLimitPolicy.parse("export-per-account", limits.exportPerAccount());
        this.exportPerAddress = RateLimitPolicy.parse("export-per-address", limits.exportPerAddress());
    }

    /** A redemption attempt by {@code account} (a user id), or a registration naming a code ({@code null}: no account yet). */
    public void redeemReferral(HttpRequest<?> request, String account) {
        if (enabled) {
            AuthRateLimits.refuseIf(counters.hit(referralPerAddress, addresses.of(request)),
                    "Too many referral codes tried from this address; try again later");
            if (account != null) {
                AuthRateLimits.refuseIf(counters.hit(referralPerAccount, account),
                        "Too many referral codes tried by this account; try again later");
            }
        }
    }

    /** An export requested by {@code caller} (the player, or the staff member asking). */
    public void export(HttpRequest<?> request, String caller) {
        if (enabled) {
            AuthRateLimits.refuseIf(counters.hit(exportPerAddress, addresses.of(request)),
                    "Too many exports from this address; try again later");
            AuthRateLimits.refuseIf(counters.hit(exportPerAccount, caller), "Too many exports by this account; try again later");
        }
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void purgeExpired() {
        counters.purgeExpired();
    }
}
