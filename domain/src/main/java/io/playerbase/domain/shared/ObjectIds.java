package io.playerbase.domain.shared;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ids in the shape of a MongoDB ObjectId: 24 lower-case hex digits, 4 bytes of seconds then 8 random
 * bytes, so ids sort by creation time and ids written by the old system stay valid.
 */
public final class ObjectIds {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectIds() {
    }

    public static boolean isHex24(String value) {
        return value != null && HEX24.matcher(value).matches();
    }

    public static String newHex(Instant now) {
        byte[] bytes = new byte[12];
        int seconds = (int) now.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 4, 8);
        return HexFormat.of().formatHex(bytes);
    }
}
