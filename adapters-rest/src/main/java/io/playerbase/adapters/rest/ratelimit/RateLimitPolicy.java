package io.playerbase.adapters.rest.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code limit} events per {@code window}, written {@code <limit>/<window>} in configuration:
 * {@code 30/1m}, {@code 10/15m}, {@code 20/1h}, {@code 5/30s}.
 */
record RateLimitPolicy(String name, int limit, Duration window) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{1,6})([smhd])");

    RateLimitPolicy {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Rate limit " + name + " needs a limit of at least 1 and a positive window");
        }
    }

    static RateLimitPolicy parse(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("playerbase.rate-limits." + name + " is not set (application.yml holds the defaults)");
        }
        Matcher matcher = FORMAT.matcher(value.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("playerbase.rate-limits." + name + " must look like 30/1m (limit/window in s, m, h or d), not '"
                    + value + "'");
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new RateLimitPolicy(name, Integer.parseInt(matcher.group(1)), window);
    }
}
