package io.playerbase.domain.shared;

import java.util.Optional;

/**
 * Reads values the old system encrypted (Fernet tokens under its own key), so they can be re-encrypted
 * in Playerbase's format. Without the old key material a token cannot be read: it is then reported and
 * kept, never destroyed.
 */
public interface LegacyCipher {

    /** Whether a stored value looks like a token of the old system (as opposed to plaintext or a ciphertext of ours). */
    boolean isLegacyToken(String stored);

    /**
     * The plaintext of a token, or empty when no old key is configured.
     *
     * @throws FieldCipher.CipherFailure when the token is malformed or fails authentication under the configured key
     */
    Optional<String> decrypt(String token);

    /** The old key is not configured: tokens are recognized, never read. */
    LegacyCipher NONE = new LegacyCipher() {
        @Override
        public boolean isLegacyToken(String stored) {
            return FernetFormat.looksLikeToken(stored);
        }

        @Override
        public Optional<String> decrypt(String token) {
            return Optional.empty();
        }
    };

    /** The shape of a Fernet token: base64url of version byte 0x80, so it starts with {@code gAAAAA}. */
    final class FernetFormat {
        private FernetFormat() {
        }

        public static boolean looksLikeToken(String stored) {
            return stored != null && stored.startsWith("gAAAAA") && stored.length() >= 100
                    && stored.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=');
        }
    }
}
