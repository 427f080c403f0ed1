package io.playerbase.adapters.mongo.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import io.playerbase.adapters.mongo.support.MongoErrors;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.Optional;

/**
 * {@link UserRepository} on the {@code users} collection. Uniqueness of email and username is the
 * unique blind-index indexes' job (the only check that holds under concurrent registrations);
 * concurrent account changes are caught by the {@code version} condition of each update.
 */
@Singleton
final class UserMongoAdapter implements UserRepository {

    private final MongoCollection<Document> users;
    private final UserDocumentMapper mapper;
    private final AuditOutbox outbox;

    UserMongoAdapter(MongoDatabase database, UserDocumentMapper mapper, AuditOutbox outbox) {
        this.users = database.getCollection(UserDocumentMapper.COLLECTION);
        this.mapper = mapper;
        this.outbox = outbox;
    }

    @Override
    public void insert(User user, AuditEntry audit) {
        Document document = mapper.toNewDocument(user)
                .append("version", 1L)
                .append(AuditOutbox.FIELD, java.util.List.of(AuditOutbox.toBson(audit)));
        MongoErrors.run(() -> {
            try {
                users.insertOne(document);
            } catch (MongoWriteException e) {
                throw duplicateOrRethrow(e);
            }
        });
        user.markStored(1L);
        outbox.deliver(audit);
    }

    @Override
    public void update(User user, AuditEntry audit) {
        long expected = user.version();
        long next = expected + 1;
        Document fields = mapper.accountFields(user).append("version", next);
        Bson update = Updates.combine(new Document("$set", fields),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        long matched = MongoErrors.call(() -> {
            try {
                return users.updateOne(Filters.and(byId(user.id()), versionIs(expected)), update).getMatchedCount();
            } catch (MongoWriteException e) {
                throw duplicateOrRethrow(e);
            }
        });
        if (matched == 0) {
            throw Conflict.stale("User");
        }
        user.markStored(next);
        outbox.deliver(audit);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return findOne(byId(id));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return findOne(Filters.eq("email_bidx", mapper.emailIndex(email)));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return findOne(Filters.eq("username_bidx", mapper.usernameIndex(username)));
    }

    private Optional<User> findOne(Bson filter) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(filter).first()).map(mapper::toDomain));
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }

    /** Documents written by the old system have no version; they count as version 0. */
    private static Bson versionIs(long version) {
        return version == 0
                ? Filters.or(Filters.eq("version", 0L), Filters.exists("version", false))
                : Filters.eq("version", version);
    }

    private static RuntimeException duplicateOrRethrow(MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            return e;
        }
        String message = e.getError().getMessage();
        if (message.contains("email_bidx")) {
            return new Conflict("email-taken", "This email is already registered");
        }
        if (message.contains("username_bidx")) {
            return new Conflict("username-taken", "This username is taken");
        }
        return new Conflict("duplicate", "A user with the same identity already exists");
    }
}
