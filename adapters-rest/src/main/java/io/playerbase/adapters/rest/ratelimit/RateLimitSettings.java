package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The {@code playerbase.rate-limits.*} settings; defaults in {@code application.yml}, meaning in
 * docs/access-control.md. Each limit reads {@code <count>/<window>} (window in s, m, h or d).
 *
 * @param store               {@code database} (default): counters in MongoDB, shared by every instance;
 *                            {@code memory}: per instance (N instances allow N times the limits)
 * @param clientAddressHeader the proxy header whose last entry is the client address; blank: the peer address
 * @param maxKeys             keys tracked in memory at most (beyond: fail closed); {@code memory} only
 */
@ConfigurationProperties("playerbase.rate-limits")
record RateLimitSettings(boolean enabled, String store, int maxKeys, @Nullable String clientAddressHeader,
                         String loginPerAddress, String loginPerAccount, String failedLoginsPerAccount,
                         String registerPerAddress, String registerPerAccount,
                         String refreshPerAddress, String refreshPerAccount) {
}
