package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.AccountAccess;
import io.playerbase.domain.user.AccountAccessLookup;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.UserStatus;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AccountAccessLookup}: one point read by {@code _id} of two small fields, on the read-write
 * client (the primary), so a suspension stored a moment ago is seen by the next request.
 */
@Singleton
final class AccountAccessMongoAdapter implements AccountAccessLookup {

    private final MongoCollection<Document> users;

    AccountAccessMongoAdapter(MongoDatabase database) {
        this.users = database.getCollection(UserDocumentMapper.COLLECTION);
    }

    @Override
    public Optional<AccountAccess> find(UserId userId) {
        Document document = MongoErrors.call(() -> users.find(Filters.eq("_id", new ObjectId(userId.value())))
                .projection(Projections.include("status", "roles")).first());
        if (document == null) {
            return Optional.empty();
        }
        // Documents of the old system may lack a status (they are active) or hold roles we do not know
        // (ignored: unknown roles grant nothing).
        UserStatus status = document.get("status") instanceof String wire ? UserStatus.fromWire(wire) : UserStatus.ACTIVE;
        return Optional.of(new AccountAccess(userId, status, roles(document.get("roles"))));
    }

    private static Set<Role> roles(Object stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (stored instanceof List<?> list) {
            for (Object value : list) {
                for (Role role : Role.values()) {
                    if (role.wire().equals(value)) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }
}
