package io.playerbase.bootstrap.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which property a secret file or a Vault key sets. The names of the table are the conventional ones
 * (lower-case environment names: the file {@code mongodb_uri} plays the part of {@code MONGODB_URI});
 * any other name that is a dotted property name ({@code playerbase.auth.access-token-lifetime}) sets
 * that property. Everything else is ignored, so stray files in a secrets directory change nothing.
 */
final class SecretNames {

    static final Map<String, String> TABLE = Map.of(
            "playerbase_crypto_master_key", "playerbase.crypto.master-key",
            "mongodb_uri", "playerbase.mongo.uri",
            "mongodb_uri_read_only", "playerbase.mongo.read-only.uri",
            "mongodb_uri_admin", "playerbase.mongo.admin.uri",
            "playerbase_comp_players_password", "playerbase.comp-players.password",
            "playerbase_iap_google_service_account_key", "playerbase.iap.google.service-account-key");

    /** Names that configure the configuration sources themselves, never a property. */
    static final String VAULT_TOKEN = "vault_token";

    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    private SecretNames() {
    }

    static Optional<String> property(String name) {
        String mapped = TABLE.get(name);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        return PROPERTY.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
