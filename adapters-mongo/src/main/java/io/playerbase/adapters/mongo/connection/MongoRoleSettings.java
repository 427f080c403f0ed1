package io.playerbase.adapters.mongo.connection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * The two extra database roles ({@code playerbase.mongo.read-only.*},
 * {@code playerbase.mongo.admin.*}; defaults in {@code application.yml}). Each may have its own
 * connection string (its own credentials, e.g. a user with only the {@code read} role, or one with
 * {@code dbAdmin}); a blank one means "the main URI". With the embedded store all three clients reach
 * the same in-process server.
 */
record MongoRoleSettings(ReadOnly readOnly, Admin admin) {

    /**
     * @param uri  {@code MONGODB_URI_READ_ONLY}
     * @param pool connections of the read-only client
     */
    @ConfigurationProperties("playerbase.mongo.read-only")
    record ReadOnly(@Nullable String uri, Pool pool) {
        @ConfigurationProperties("pool")
        record Pool(int maxSize) {
        }
    }

    /**
     * @param uri           {@code MONGODB_URI_ADMIN}
     * @param pool          connections of the admin client (migrations, index management: few)
     * @param socketTimeout reads of migrations and maintenance passes may legitimately take long
     */
    @ConfigurationProperties("playerbase.mongo.admin")
    record Admin(@Nullable String uri, Pool pool, Duration socketTimeout) {
        @ConfigurationProperties("pool")
        record Pool(int maxSize) {
        }

        Admin {
            Objects.requireNonNull(socketTimeout,
                    "playerbase.mongo.admin.socket-timeout is not set (application.yml holds the defaults)");
        }
    }

    String readOnlyUriOr(String main) {
        return blank(readOnly.uri()) ? main : readOnly.uri();
    }

    String adminUriOr(String main) {
        return blank(admin.uri()) ? main : admin.uri();
    }

    boolean anyOwnUri() {
        return !blank(readOnly.uri()) || !blank(admin.uri());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "MongoRoleSettings[readOnlyUri=" + (blank(readOnly.uri()) ? "<main>" : MongoUris.redact(readOnly.uri()))
                + ", adminUri=" + (blank(admin.uri()) ? "<main>" : MongoUris.redact(admin.uri()))
                + ", pools=" + readOnly.pool().maxSize() + "/" + admin.pool().maxSize() + "]";
    }
}
