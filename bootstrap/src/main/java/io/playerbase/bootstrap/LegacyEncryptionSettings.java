package io.playerbase.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code playerbase.legacy.*}: the old system's Fernet key material, both or neither (docs/migrations.md). */
@ConfigurationProperties("playerbase.legacy")
record LegacyEncryptionSettings(@Nullable String encryptionKey, @Nullable String encryptionSalt) {

    @Override
    public String toString() {
        return "LegacyEncryptionSettings[encryptionKey=<" + (CryptoSettings.blank(encryptionKey) ? "unset" : "set") + ">]";
    }
}
