package io.playerbase.adapters.mongo.connection;

/**
 * Which MongoDB the service talks to: the embedded server or an external deployment, the database
 * it uses, and a description for logs and health that never contains credentials.
 */
public record MongoStoreInfo(boolean embedded, String database, String description) {

    /** {@code embedded} or {@code external}, as shown in health details. */
    public String kind() {
        return embedded ? "embedded" : "external";
    }
}
