package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.ObjectIds;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Public identifier of an API key: {@code pbk_} and 24 hex digits (4 bytes of seconds, 8 random
 * bytes, so ids sort by creation time). The prefix lets secret scanners and people recognise a
 * Playerbase credential; the id alone grants nothing.
 */
public record ApiKeyId(String value) {

    static final String PREFIX = "pbk_";
    private static final Pattern SHAPE = Pattern.compile("pbk_[0-9a-f]{24}");

    public ApiKeyId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("id", "is not an API key id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static ApiKeyId newId(Instant now) {
        return new ApiKeyId(PREFIX + ObjectIds.newHex(now));
    }

    @Override
    public String toString() {
        return value;
    }
}
