package io.playerbase.domain.shared;

import java.time.Instant;

/**
 * Identity of a player (human or computer). 24 lower-case hex digits, the shape of a MongoDB
 * ObjectId (4 bytes of seconds, 8 random bytes), so users written by the old system keep their ids.
 */
public record UserId(String value) {

    public UserId {
        if (!ObjectIds.isHex24(value)) {
            throw new InvalidValue("user_id", "must be 24 lower-case hex digits");
        }
    }

    public static UserId newId(Instant now) {
        return new UserId(ObjectIds.newHex(now));
    }

    @Override
    public String toString() {
        return value;
    }
}
