package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/** The game server's id of a finished match: the key of exactly-once reporting. */
public record MatchId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public MatchId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("match_id", "must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
