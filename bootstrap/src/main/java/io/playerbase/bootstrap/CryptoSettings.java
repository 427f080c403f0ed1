package io.playerbase.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The {@code playerbase.crypto.*} settings of the crypto adapter (defaults in {@code application.yml}).
 *
 * @param masterKey           base64 key, or {@code id:base64,...} (first = primary); blank: see {@link CryptoFactory}
 * @param dataKeyCacheSize    unwrapped personal data keys kept in memory
 * @param blindIndexKeyId     the master key of the blind indexes; blank = the oldest
 * @param blindIndexNextKeyId the key a side-by-side blind-index rotation moves to; blank = none
 */
@ConfigurationProperties("playerbase.crypto")
record CryptoSettings(@Nullable String masterKey, int dataKeyCacheSize,
                      @Nullable String blindIndexKeyId, @Nullable String blindIndexNextKeyId) {

    @Override
    public String toString() {
        return "CryptoSettings[masterKey=<" + (blank(masterKey) ? "unset" : "set") + ">, dataKeyCacheSize=" + dataKeyCacheSize
                + ", blindIndexKeyId=" + blindIndexKeyId + ", blindIndexNextKeyId=" + blindIndexNextKeyId + "]";
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
