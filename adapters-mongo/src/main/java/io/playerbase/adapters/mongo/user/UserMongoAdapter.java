package io.playerbase.adapters.mongo.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import io.playerbase.domain.user.UserStatus;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link UserRepository} on the {@code users} collection. Uniqueness of email and username is the
 * unique blind-index indexes' job (the only check that holds under concurrent registrations);
 * concurrent account changes are caught by the {@code version} condition of each update.
 */
@Singleton
final class UserMongoAdapter implements UserRepository {

    /** Index value of an erased user's email and username: unique per user, matches no lookup. */
    static final String ERASED = "erased:";
    private static final Logger LOG = LoggerFactory.getLogger(UserMongoAdapter.class);

    private final MongoCollection<Document> users;
    private final UserDocumentMapper mapper;
    private final UserDataKeys keys;
    private final AuditOutbox outbox;
    private final Duration pendingKeyGrace;
    private final Leases leases;
    private final Duration erasureRecoveryInterval;
    private final Duration pendingKeyRecoveryInterval;

    UserMongoAdapter(MongoDatabase database, UserDocumentMapper mapper, UserDataKeys keys, AuditOutbox outbox,
                     Leases leases, EncryptionStoreSettings settings) {
        this.pendingKeyGrace = settings.pendingKeyGrace();
        this.users = database.getCollection(UserDocumentMapper.COLLECTION);
        this.mapper = mapper;
        this.keys = keys;
        this.outbox = outbox;
        this.leases = leases;
        this.erasureRecoveryInterval = settings.erasureRecoveryInterval();
        this.pendingKeyRecoveryInterval = settings.pendingKeyRecoveryInterval();
    }

    @Override
    public void insert(User user, AuditEntry audit) {
        Document document = mapper.toNewDocument(user, MongoErrors.call(() -> keys.forNewUser(user.id())))
                .append("version", 1L)
                .append(AuditOutbox.FIELD, List.of(AuditOutbox.toBson(audit)));
        MongoErrors.run(() -> {
            try {
                users.insertOne(document);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    // Certainly not inserted: the key goes now. Any other failure may have inserted the
                    // user after all, so its key stays pending for settlePendingKeys to decide.
                    discardKey(user.id());
                }
                throw duplicateOrRethrow(e);
            }
        });
        confirmKey(user.id());
        user.markStored(1L);
        outbox.deliver(audit);
    }

    @Override
    public void update(User user, AuditEntry audit) {
        long expected = user.version();
        long next = expected + 1;
        Document fields = mapper.accountFields(user, MongoErrors.call(() -> keys.forWriting(user.id())))
                .append("version", next);
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
    public void erase(User user, AuditEntry audit) {
        long expected = user.version();
        long next = expected + 1;
        String id = user.id().value();
        Document fields = new Document("status", user.status().wire())
                .append("username", user.username().value())
                .append("username_bidx", ERASED + id)
                .append("email_bidx", ERASED + id)
                .append("password_hash", user.passwordHash())
                .append("credentials_version", user.credentialsVersion())
                .append("updated_at", Date.from(user.updatedAt()))
                .append("erased_at", Date.from(user.updatedAt()))
                .append("data_key_destroyed", false)
                .append("version", next);
        Bson update = Updates.combine(new Document("$set", fields),
                Updates.unset("phone"), Updates.unset("address"),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        long matched = MongoErrors.call(() ->
                users.updateOne(Filters.and(byId(user.id()), versionIs(expected)), update).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("User");
        }
        user.markStored(next);
        completeErasure(user.id());
        outbox.deliver(audit);
    }

    /**
     * Destroys the data key of an erased user, then records that it is gone. A crash in between
     * leaves {@code data_key_destroyed: false}; {@link #completePendingErasures} finishes the job.
     */
    private void completeErasure(UserId id) {
        try {
            keys.destroy(id);
            users.updateOne(byId(id), Updates.set("data_key_destroyed", true));
        } catch (RuntimeException e) {
            LOG.warn("Erasure of user {} left its data key for the recovery pass: {}", id, e.getMessage());
        }
    }

    private void discardKey(UserId id) {
        try {
            keys.discard(id);
        } catch (RuntimeException e) {
            LOG.warn("Pending data key of refused user {} left for the recovery pass: {}", id, e.getMessage());
        }
    }

    private void confirmKey(UserId id) {
        try {
            keys.confirm(id);
        } catch (RuntimeException e) {
            LOG.warn("Data key of new user {} left pending for the recovery pass: {}", id, e.getMessage());
        }
    }

    /**
     * Settles the data keys of inserts interrupted between their writes (see {@link UserDataKeys#forNewUser}):
     * a key pending for over {@code playerbase.crypto.pending-key-grace} (longer than any insert runs)
     * is kept when its user exists, else deleted.
     */
    int settlePendingKeys() {
        return keys.settlePending(pendingKeyGrace,
                id -> users.find(Filters.eq("_id", id)).projection(Projections.include("_id")).first() != null);
    }

    /** The periodic {@link #settlePendingKeys()}, on one instance at a time (lease {@code pending-key-recovery}). */
    @Scheduled(initialDelay = "30s", fixedDelay = "${playerbase.crypto.pending-key-recovery-interval}")
    void settlePendingKeysPeriodically() {
        try {
            leases.runIfHeld("pending-key-recovery", pendingKeyRecoveryInterval.multipliedBy(2), this::settlePendingKeys);
        } catch (RuntimeException e) {
            LOG.warn("Pending data key sweep failed; the next one retries: {}", e.getMessage());
        }
    }

    /** The periodic {@link #completePendingErasures()}, on one instance at a time (lease {@code erasure-recovery}). */
    @Scheduled(initialDelay = "5s", fixedDelay = "${playerbase.crypto.erasure-recovery-interval}")
    void completePendingErasuresPeriodically() {
        try {
            leases.runIfHeld("erasure-recovery", erasureRecoveryInterval.multipliedBy(2), this::completePendingErasures);
        } catch (RuntimeException e) {
            LOG.warn("Erasure recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }

    int completePendingErasures() {
        int completed = 0;
        for (Document user : users.find(Filters.and(Filters.eq("status", UserStatus.DELETED.wire()),
                Filters.eq("data_key_destroyed", false))).projection(Projections.include("_id"))) {
            completeErasure(new UserId(user.getObjectId("_id").toHexString()));
            completed++;
        }
        return completed;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return findOne(byId(id));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return findOne(Filters.in("email_bidx", mapper.emailLookups(email)));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return findOne(Filters.in("username_bidx", mapper.usernameLookups(username)));
    }

    private Optional<User> findOne(Bson filter) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(filter).first()).map(document -> {
            if (UserDocumentMapper.isErased(document)) {
                return mapper.toDomain(document, null);
            }
            return mapper.toDomain(document, keys.forReading(new UserId(document.getObjectId("_id").toHexString())));
        }));
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
