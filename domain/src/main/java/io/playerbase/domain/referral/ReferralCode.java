package io.playerbase.domain.referral;

import io.playerbase.domain.shared.InvalidValue;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A shareable referral code, case-insensitive: its value is the normalized (upper-case) form, which is
 * also how codes are stored and compared. New codes are {@value #LENGTH} random characters of an
 * alphabet without look-alikes ({@value #ALPHABET}: no 0/O, 1/I/L, U), never derived from personal
 * data. Codes of the old system ({@code REF000123}, {@code REF1A}) keep their own shape: any 3 to 32
 * letters, digits, {@code -} or {@code _}.
 */
public record ReferralCode(String value) {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 8;
    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9_-]{3,32}");
    private static final RandomGenerator RANDOM = new SecureRandom();

    public ReferralCode {
        if (value == null) {
            throw new InvalidValue("code", "is required");
        }
        value = value.toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValue("code", "must be 3-32 letters, digits, '-' or '_'");
        }
    }

    /** Whether {@code text} is a code in any case (a stored value of the old system may not be). */
    public static boolean isCode(String text) {
        return text != null && SHAPE.matcher(text.toUpperCase(Locale.ROOT)).matches();
    }

    /** A new random code. */
    public static ReferralCode generate() {
        return generate(RANDOM);
    }

    public static ReferralCode generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ReferralCode(code.toString());
    }

    /** Whether a stored code (in whatever case it was stored) is this one. */
    public boolean matches(String stored) {
        return stored != null && stored.toUpperCase(Locale.ROOT).equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
