package io.playerbase.bootstrap.referral;

import io.micronaut.context.annotation.Factory;
import io.playerbase.application.referral.ReferralSettings;
import io.playerbase.domain.referral.RewardLimits;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Configuration of the referral module ({@code playerbase.referrals.*}); a wrong value stops the start. */
@Factory
final class ReferralWiring {

    private static final Pattern VELOCITY = Pattern.compile("(\\d{1,9})/(\\d{1,6})([smhd])");
    private static final Set<String> QUALIFIERS = Set.of("match", "purchase");

    @Singleton
    ReferralSettings referralSettings(ReferralProperties properties) {
        List<String> qualifyOn = properties.qualifyOn() == null ? List.of() : properties.qualifyOn().stream().map(String::strip).toList();
        if (!QUALIFIERS.containsAll(qualifyOn)) {
            throw new IllegalArgumentException("playerbase.referrals.qualify-on takes match and/or purchase, not " + qualifyOn);
        }
        Matcher velocity = VELOCITY.matcher(String.valueOf(properties.velocity()).strip());
        if (!velocity.matches()) {
            throw new IllegalArgumentException("playerbase.referrals.velocity must look like 10/1d (count/window in s, m, h or d), not '"
                    + properties.velocity() + "'");
        }
        long amount = Long.parseLong(velocity.group(2));
        Duration window = switch (velocity.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new ReferralSettings(properties.redeemWindow(), properties.referrerReward(), properties.refereeReward(),
                qualifyOn.contains("match"), qualifyOn.contains("purchase"), properties.purchaseHold(),
                new RewardLimits(properties.cap(), Integer.parseInt(velocity.group(1)), window), properties.recoveryMinAge());
    }
}
