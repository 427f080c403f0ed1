package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The {@code playerbase.comp-players.*} settings the change units use (default in {@code application.yml}).
 *
 * @param password the computer players' password (a secret); blank gives each a random one nobody knows
 */
@ConfigurationProperties("playerbase.comp-players")
record CompPlayerSettings(@Nullable String password) {

    @Override
    public String toString() {
        return "CompPlayerSettings[password=<" + (password == null || password.isBlank() ? "random" : "set") + ">]";
    }
}
