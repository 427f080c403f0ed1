package io.playerbase.adapters.mongo.connection;

import com.mongodb.ConnectionString;

import java.util.regex.Pattern;

/** Helpers for connection strings that must never put a password into a log line or an error. */
final class MongoUris {

    private static final Pattern USER_INFO = Pattern.compile("^(mongodb(?:\\+srv)?://)([^@/]*)@");

    private MongoUris() {
    }

    /** The connection string with its user information replaced by {@code ****}. */
    static String redact(String uri) {
        return USER_INFO.matcher(uri.strip()).replaceFirst("$1****@");
    }

    /** Parses a connection string; the error message shows the string only in redacted form. */
    static ConnectionString parse(String uri) {
        return parse(uri, "playerbase.mongo.uri (MONGODB_URI)");
    }

    /** As {@link #parse(String)}, naming the setting the string came from. */
    static ConnectionString parse(String uri, String setting) {
        try {
            return new ConnectionString(uri.strip());
        } catch (IllegalArgumentException e) {
            // The driver's message may quote parts of the string, so it is not passed on.
            throw new IllegalStateException(setting + " is not a valid MongoDB connection string: " + redact(uri));
        }
    }

    /** Hosts (and replica set) of an external deployment, e.g. {@code external MongoDB at db1:27017,db2:27017}. */
    static String describe(ConnectionString connectionString) {
        StringBuilder description = new StringBuilder("external MongoDB at ")
                .append(String.join(",", connectionString.getHosts()));
        if (connectionString.isSrvProtocol()) {
            description.append(" (SRV)");
        }
        if (connectionString.getRequiredReplicaSetName() != null) {
            description.append(" (replica set ").append(connectionString.getRequiredReplicaSetName()).append(')');
        }
        return description.toString();
    }
}
