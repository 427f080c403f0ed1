package io.playerbase.domain.shared;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identity of a player (human or computer). 24 lower-case hex digits, the shape of a MongoDB
 * ObjectId (4 bytes of seconds, 8 random bytes), so users written by the old system keep their ids.
 */
public record UserId(String value) {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public UserId {
        if (value == null || !HEX24.matcher(value).matches()) {
            throw new InvalidValue("user_id", "must be 24 lower-case hex digits");
        }
    }

    public static UserId newId(Instant now) {
        byte[] bytes = new byte[12];
        int seconds = (int) now.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 4, 8);
        return new UserId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
