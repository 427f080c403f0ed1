package io.playerbase.adapters.mongo.access;

import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.Scope;
import org.bson.Document;

import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code api_keys} document: {@code _id} and {@code key_id} (the public id), {@code name},
 * {@code scopes}, {@code secret_hash} (never the secret), {@code created_at}/{@code created_by},
 * {@code revoked_at}/{@code revoked_by} (absent while active).
 */
final class ApiKeyDocuments {

    static final String COLLECTION = "api_keys";

    private ApiKeyDocuments() {
    }

    static Document toDocument(ApiKey key) {
        return new Document("_id", key.id().value())
                .append("key_id", key.id().value())
                .append("name", key.name())
                .append("scopes", key.scopes().stream().map(Scope::wire).sorted().toList())
                .append("secret_hash", key.secretHash())
                .append("created_at", Date.from(key.createdAt()))
                .append("created_by", key.createdBy());
    }

    static ApiKey toDomain(Document document) {
        return ApiKey.restore(new ApiKeyId(document.getString("key_id")), document.getString("name"),
                scopes(document.getList("scopes", String.class)), document.getString("secret_hash"),
                document.getDate("created_at").toInstant(), document.getString("created_by"),
                document.getDate("revoked_at") == null ? null : document.getDate("revoked_at").toInstant(),
                document.getString("revoked_by"));
    }

    /** A scope this build does not know (written by a newer one, or retired) grants nothing. */
    private static Set<Scope> scopes(List<String> stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String wire : stored == null ? List.<String>of() : stored) {
            for (Scope scope : Scope.values()) {
                if (scope.wire().equals(wire)) {
                    scopes.add(scope);
                }
            }
        }
        return scopes;
    }
}
