package io.playerbase.adapters.mongo.connection;

/**
 * The two extra database roles of SPEC §6. Each may have its own connection string (its own
 * credentials, e.g. a user with only the {@code read} role, or one with {@code dbAdmin}); a blank one
 * means "the main URI". With the embedded store all three clients reach the same in-process server.
 *
 * @param readOnlyUri         {@code playerbase.mongo.read-only.uri} ({@code MONGODB_URI_READ_ONLY})
 * @param adminUri            {@code playerbase.mongo.admin.uri} ({@code MONGODB_URI_ADMIN})
 * @param readOnlyPoolMaxSize connections of the read-only client
 * @param adminPoolMaxSize    connections of the admin client (migrations, index management: few)
 */
record MongoRoleSettings(String readOnlyUri, String adminUri, int readOnlyPoolMaxSize, int adminPoolMaxSize) {

    String readOnlyUriOr(String main) {
        return readOnlyUri == null || readOnlyUri.isBlank() ? main : readOnlyUri;
    }

    String adminUriOr(String main) {
        return adminUri == null || adminUri.isBlank() ? main : adminUri;
    }

    boolean anyOwnUri() {
        return !(readOnlyUri == null || readOnlyUri.isBlank()) || !(adminUri == null || adminUri.isBlank());
    }

    @Override
    public String toString() {
        return "MongoRoleSettings[readOnlyUri=" + (readOnlyUri == null || readOnlyUri.isBlank() ? "<main>" : MongoUris.redact(readOnlyUri))
                + ", adminUri=" + (adminUri == null || adminUri.isBlank() ? "<main>" : MongoUris.redact(adminUri))
                + ", pools=" + readOnlyPoolMaxSize + "/" + adminPoolMaxSize + "]";
    }
}
