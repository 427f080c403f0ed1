package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Public identifier of an API key: {@code pbk_} and 24 hex digits (4 bytes of seconds, 8 random
 * bytes, so ids sort by creation time). The prefix lets secret scanners and people recognise a
 * Playerbase credential; the id alone grants nothing.
 */
public record ApiKeyId(String value) {

    static final String PREFIX = "pbk_";
    private static final Pattern SHAPE = Pattern.compile("pbk_[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKeyId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("id", "is not an API key id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static ApiKeyId newId(Instant now) {
        byte[] bytes = new byte[12];
        int seconds = (int) now.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 4, 8);
        return new ApiKeyId(PREFIX + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
