package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.application.user.port.in.Authenticated;
import io.micronaut.context.BeanProvider;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.RateCounters;
import io.playerbase.domain.shared.RateLimited;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The limits on the anonymous authentication endpoints (issue 4): per client address and per
 * account for log-in, registration and refresh, and a bounded number of failed log-ins per account per
 * window, after which that account's log-ins are refused with 429 until the window ends, even with the
 * right password. Counters live in MongoDB by default, shared by every instance; with
 * {@code playerbase.rate-limits.store: memory} each instance counts alone (docs/access-control.md).
 *
 * <p>An account is named by what the client sends, normalized (Unicode NFKC, trimmed, lower case) as
 * the blind index does: log-in name (email or username), registration email, refresh-token subject;
 * failed log-ins also count against the account id when the account exists. Unknown names are counted
 * like known ones.
 */
@Singleton
public class AuthRateLimits {

    private static final String FAILURES = "Too many failed log-ins for this account; try again later";

    private final boolean enabled;
    private final WindowCounters counters;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final RateLimitPolicy loginPerAddress;
    private final RateLimitPolicy loginPerAccount;
    private final RateLimitPolicy failedLoginsPerAccount;
    private final RateLimitPolicy registerPerAddress;
    private final RateLimitPolicy registerPerAccount;
    private final RateLimitPolicy refreshPerAddress;
    private final RateLimitPolicy refreshPerAccount;

    AuthRateLimits(RateLimitSettings settings, Clock clock, BeanProvider<RateCounters> shared) {
        this.enabled = settings.enabled();
        this.clock = clock;
        this.counters = WindowCounters.of(settings, clock, shared);
        this.addresses = new ClientAddresses(settings.clientAddressHeader() == null ? "" : settings.clientAddressHeader());
        this.loginPerAddress = RateLimitPolicy.parse("login-per-address", settings.loginPerAddress());
        this.loginPerAccount = RateLimitPolicy.parse("login-per-account", settings.loginPerAccount());
        this.failedLoginsPerAccount = RateLimitPolicy.parse("failed-logins-per-account", settings.failedLoginsPerAccount());
        this.registerPerAddress = RateLimitPolicy.parse("register-per-address", settings.registerPerAddress());
        this.registerPerAccount = RateLimitPolicy.parse("register-per-account", settings.registerPerAccount());
        this.refreshPerAddress = RateLimitPolicy.parse("refresh-per-address", settings.refreshPerAddress());
        this.refreshPerAccount = RateLimitPolicy.parse("refresh-per-account", settings.refreshPerAccount());
    }

    /**
     * Runs a log-in within its limits. A failed one ({@link AuthenticationFailed}) counts against the
     * failure budget of the name used and, when the account exists, of the account itself, so switching
     * between email and username buys no extra attempts; a spent budget refuses even the right password.
     */
    public Authenticated logIn(HttpRequest<?> request, String login, Supplier<Authenticated> attempt) {
        if (!enabled) {
            return attempt.get();
        }
        String name = "login:" + account(login);
        refuseIf(counters.exhausted(failedLoginsPerAccount, name), FAILURES);
        refuseIf(counters.hit(loginPerAddress, addresses.of(request)), "Too many log-ins from this address; slow down");
        refuseIf(counters.hit(loginPerAccount, name), "Too many log-ins for this account; slow down");
        Authenticated user;
        try {
            user = attempt.get();
        } catch (AuthenticationFailed failed) {
            counters.hit(failedLoginsPerAccount, name);
            failed.account().ifPresent(id -> counters.hit(failedLoginsPerAccount, "user:" + id.value()));
            throw failed;
        }
        refuseIf(counters.exhausted(failedLoginsPerAccount, "user:" + user.userId().value()), FAILURES);
        return user;
    }

    public void register(HttpRequest<?> request, String email) {
        if (enabled) {
            refuseIf(counters.hit(registerPerAddress, addresses.of(request)), "Too many registrations from this address; try again later");
            refuseIf(counters.hit(registerPerAccount, account(email)), "Too many registrations for this email; try again later");
        }
    }

    /** Before the refresh token is read. */
    public void refreshFromAddress(HttpRequest<?> request) {
        if (enabled) {
            refuseIf(counters.hit(refreshPerAddress, addresses.of(request)), "Too many refreshes from this address; slow down");
        }
    }

    /** Once the refresh token's signature has been checked: per account (its subject). */
    public void refreshForAccount(String userId) {
        if (enabled) {
            refuseIf(counters.hit(refreshPerAccount, userId), "Too many refreshes for this account; slow down");
        }
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void purgeExpired() {
        counters.purgeExpired();
    }

    static void refuseIf(Optional<Duration> retryAfter, String detail) {
        if (retryAfter.isPresent()) {
            throw new RateLimited(detail, roundUp(retryAfter.get()));
        }
    }

    private static Duration roundUp(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    static String account(String value) {
        if (value == null) {
            return "";
        }
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
