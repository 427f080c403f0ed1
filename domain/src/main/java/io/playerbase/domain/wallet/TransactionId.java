package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Identity of a ledger entry: 24 hex digits in the shape of a MongoDB ObjectId (seconds, then random bytes). */
public record TransactionId(String value) {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TransactionId {
        if (value == null || !HEX24.matcher(value).matches()) {
            throw new InvalidValue("transaction_id", "must be 24 lower-case hex digits");
        }
    }

    public static TransactionId newId(Instant now) {
        byte[] bytes = new byte[12];
        int seconds = (int) now.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 4, 8);
        return new TransactionId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
