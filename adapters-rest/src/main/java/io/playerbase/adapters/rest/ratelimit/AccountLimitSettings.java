package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The limits of authenticated endpoints that are costly or sensitive ({@code playerbase.rate-limits.*},
 * defaults in {@code application.yml}, docs/access-control.md): redeeming referral codes (guessing
 * codes) and personal-data exports (whole-account reads). {@code <count>/<window>} like the others; the
 * store, the client address and {@code enabled} are the ones of {@link RateLimitSettings}.
 */
@ConfigurationProperties("playerbase.rate-limits")
record AccountLimitSettings(String referralPerAccount, String referralPerAddress, String exportPerAccount,
                            String exportPerAddress) {
}
