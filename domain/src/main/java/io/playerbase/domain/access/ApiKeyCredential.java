package io.playerbase.domain.access;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a game server sends: {@code Authorization: ApiKey <id>.<secret>}. The secret is 32 random
 * bytes in unpadded base64url (43 characters), which never contain a dot.
 */
public record ApiKeyCredential(ApiKeyId id, String secret) {

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Parses {@code <id>.<secret>}; anything else is empty (the caller answers 401 without saying why). */
    public static Optional<ApiKeyCredential> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String id = value.substring(0, dot);
        String secret = value.substring(dot + 1);
        if (!ApiKeyId.isValid(id) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyCredential(new ApiKeyId(id), secret));
    }

    /** The text to put after {@code ApiKey } in the header. */
    public String token() {
        return id.value() + "." + secret;
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[id=" + id + ", secret=redacted]";
    }
}
