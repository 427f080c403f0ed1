package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.playerbase.domain.shared.ClaimHolder;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * {@link ClaimHolder} of the {@code email} and {@code username} claims: the owner (a user id) holds the
 * claim's entry when its stored {@code email_bidx} or {@code username_bidx} lists it. Read by {@code _id}
 * (targeted); one instance per kind, made by {@link UserClaimHolders}.
 */
final class UserClaimsMongoAdapter implements ClaimHolder {

    private final String kind;
    private final String field;
    private final MongoCollection<Document> users;

    UserClaimsMongoAdapter(String kind, String field, MongoCollection<Document> users) {
        this.kind = kind;
        this.field = field;
        this.users = users;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public boolean holds(String owner, String value) {
        return ObjectId.isValid(owner) && users.find(Filters.and(Filters.eq("_id", new ObjectId(owner)),
                Filters.eq(field, value))).projection(Projections.include("_id")).first() != null;
    }
}
