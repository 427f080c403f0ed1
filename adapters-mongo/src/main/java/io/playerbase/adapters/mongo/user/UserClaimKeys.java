package io.playerbase.adapters.mongo.user;

import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The claims a user's blind-index entries stand for: {@code email:<entry>} and {@code username:<entry>},
 * one per entry of {@code email_bidx} and {@code username_bidx} (two while an index rotation runs: both
 * are claimed, so two instances configured one step apart still meet on the entry they share). The
 * placeholders {@code erased:<id>} and {@code unindexed:<id>} are plain strings and claim nothing.
 */
public final class UserClaimKeys {

    public static final String EMAIL = "email";
    public static final String USERNAME = "username";
    public static final String EMAIL_FIELD = "email_bidx";
    public static final String USERNAME_FIELD = "username_bidx";

    private UserClaimKeys() {
    }

    /** The claims of a kind for entries as stored (a list of {@code <key id>:<hash>}). */
    public static List<ClaimKey> of(String kind, Object entries) {
        List<ClaimKey> keys = new ArrayList<>();
        if (entries instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof String text && !text.isBlank()) {
                    keys.add(new ClaimKey(kind, text));
                }
            }
        }
        return keys;
    }

    /** The claims the blind-index fields of a user document (or of a {@code $set} of them) stand for. */
    public static List<ClaimKey> of(Document fields) {
        List<ClaimKey> keys = new ArrayList<>(of(EMAIL, fields.get(EMAIL_FIELD)));
        keys.addAll(of(USERNAME, fields.get(USERNAME_FIELD)));
        return keys;
    }
}
