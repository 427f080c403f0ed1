package io.playerbase.domain.user;

/**
 * Criteria of the staff user listing; {@code null} means "any". Email and username match exactly
 * after normalization (through their blind indexes), never by prefix: the store cannot search inside
 * encrypted or hashed values, and exact lookups do not let staff browse personal data by pattern.
 */
public record UserFilter(Email email, Username username, UserStatus status, Boolean compPlayer) {

    public static UserFilter any() {
        return new UserFilter(null, null, null, null);
    }
}
