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
import io.playerbase.adapters.mongo.connection.ShardingSettings;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link UserRepository} on the {@code users} collection. Uniqueness of email and username rests on
 * {@link UniqueClaims}: every blind-index entry a user holds is claimed ({@code email:<entry>},
 * {@code username:<entry>}, owner the user id) before the document is written, and released after the
 * document gave it up, so it holds with or without the unique indexes of {@code users} (which a
 * cluster sharded by {@code _id} cannot keep). Where those indexes exist they are a second line.
 * Lookups by email or username read the claim first ({@code _id} of {@code claims}), then the user by
 * {@code _id}: both are targeted on a sharded cluster. Concurrent account changes are caught by the
 * {@code version} condition of each update.
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
    private final UniqueClaims claims;
    private final boolean lookupFallback;

    UserMongoAdapter(MongoDatabase database, UserDocumentMapper mapper, UserDataKeys keys, AuditOutbox outbox,
                     Leases leases, UniqueClaims claims, EncryptionStoreSettings settings, ShardingSettings sharding) {
        this.pendingKeyGrace = settings.pendingKeyGrace();
        this.claims = claims;
        // Unsharded, a lookup that finds no claim also asks the users' blind-index index (users written by
        // an instance of an earlier version during a rolling upgrade have no claim yet); sharded, claims
        // are complete (the sharding change unit backfills them first) and that query would go to every shard.
        this.lookupFallback = !sharding.enabled();
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
        String owner = user.id().value();
        List<ClaimKey> wanted = new ArrayList<>();
        wanted.addAll(claimKeys(EMAIL, mapper.emailEntries(user.email().value())));
        wanted.addAll(claimKeys(USERNAME, mapper.usernameEntries(user.username().value())));
        // Claimed before anything else is written: a taken name refuses the request with nothing stored.
        claimOrRefuse(wanted, owner, true);
        Document document;
        try {
            document = mapper.toNewDocument(user, MongoErrors.call(() -> keys.forNewUser(user.id())))
                    .append("version", 1L)
                    .append(AuditOutbox.FIELD, List.of(AuditOutbox.toBson(audit)));
        } catch (RuntimeException e) {
            // The user document was not written: its claims go (or stay pending for the recovery pass).
            releaseQuietly(wanted, owner);
            throw e;
        }
        MongoErrors.run(() -> {
            try {
                users.insertOne(document);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    // Certainly not inserted: the key and the claims go now. Any other failure may have
                    // inserted the user after all, so its key and claims stay pending for the recovery passes.
                    discardKey(user.id());
                    releaseQuietly(wanted, owner);
                }
                throw duplicateOrRethrow(e);
            }
        });
        confirmQuietly(wanted, owner);
        confirmKey(user.id());
        user.markStored(1L);
        outbox.deliver(audit);
    }

    @Override
    public void update(User user, AuditEntry audit) {
        long expected = user.version();
        long next = expected + 1;
        String owner = user.id().value();
        Document fields = mapper.accountFields(user, MongoErrors.call(() -> keys.forWriting(user.id())))
                .append("version", next);
        // The entries this write gives the user and those it takes away (a username change, an index rotation).
        List<ClaimKey> stored = heldClaimKeys(user.id());
        List<ClaimKey> written = claimKeys(fields);
        List<ClaimKey> added = new ArrayList<>(written);
        added.removeAll(stored);
        List<ClaimKey> removed = new ArrayList<>(stored);
        removed.removeAll(written);
        if (!fields.containsKey("email_bidx")) {
            // An unreadable email is not rewritten: its entries stay as they are.
            removed.removeIf(key -> key.kind().equals(EMAIL));
        }
        claimOrRefuse(added, owner, false);
        Instant now = Instant.now();
        removed.forEach(key -> claims.startRelease(key, owner, now));
        Bson update = Updates.combine(new Document("$set", fields),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)));
        long matched;
        try {
            matched = MongoErrors.call(() ->
                    users.updateOne(Filters.and(byId(user.id()), versionIs(expected)), update).getMatchedCount());
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // Refused by a unique index (a value an earlier version wrote without a claim): not written.
                leaveToRecovery(added, owner);
                confirmQuietly(removed, owner);
            }
            // Any other failure may have written it: the claims stay pending for the recovery pass.
            throw duplicateOrRethrow(e);
        }
        if (matched == 0) {
            // A concurrent change: not written, nothing changes hands.
            leaveToRecovery(added, owner);
            confirmQuietly(removed, owner);
            throw Conflict.stale("User");
        }
        confirmQuietly(added, owner);
        releaseQuietly(removed, owner);
        user.markStored(next);
        outbox.deliver(audit);
    }

    @Override
    public void erase(User user, AuditEntry audit) {
        long expected = user.version();
        long next = expected + 1;
        String id = user.id().value();
        // The entries are replaced by tombstones: their claims are given up, pending until the write is done.
        List<ClaimKey> held = heldClaimKeys(user.id());
        Instant now = Instant.now();
        held.forEach(key -> claims.startRelease(key, id, now));
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
            confirmQuietly(held, id);
            throw Conflict.stale("User");
        }
        user.markStored(next);
        releaseQuietly(held, id);
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
        return findByEntry(EMAIL, "email_bidx", mapper.emailLookups(email));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return findByEntry(USERNAME, "username_bidx", mapper.usernameLookups(username));
    }

    /**
     * The user holding one of the entries: the claim names the owner, whose document is read by
     * {@code _id} and must hold the entry (a claim pending for a registration still running, or a stale one,
     * finds nobody). Without any claim, and only where {@link #lookupFallback} is on, the blind-index
     * index of {@code users} is asked, and a user found that way gets its claims.
     */
    private Optional<User> findByEntry(String kind, String field, List<String> lookups) {
        for (String entry : lookups) {
            Optional<UniqueClaims.Claim> claim = claims.find(new ClaimKey(kind, entry));
            if (claim.isPresent() && ObjectId.isValid(claim.get().owner())) {
                Optional<User> owner = findOne(Filters.and(Filters.eq("_id", new ObjectId(claim.get().owner())),
                        Filters.eq(field, entry)));
                if (owner.isPresent()) {
                    return owner;
                }
            }
        }
        if (!lookupFallback) {
            return Optional.empty();
        }
        Optional<User> found = findOne(Filters.in(field, lookups));
        found.ifPresent(this::claimUnclaimed);
        return found;
    }

    /** A user written without claims (by an earlier version): its entries are claimed now, when free. */
    private void claimUnclaimed(User user) {
        String owner = user.id().value();
        Instant now = Instant.now();
        try {
            for (ClaimKey key : heldClaimKeys(user.id())) {
                if (claims.claim(key, owner, now)) {
                    claims.confirm(key, owner);
                } else {
                    LOG.warn("User {} holds an entry claimed by someone else ({}); left for a person to resolve", owner, key);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Claims of user {} not written; the next lookup retries: {}", owner, e.getMessage());
        }
    }

    private Optional<User> findOne(Bson filter) {
        return MongoErrors.call(() -> Optional.ofNullable(users.find(filter).first()).map(document -> {
            if (UserDocumentMapper.isErased(document)) {
                return mapper.toDomain(document, null);
            }
            return mapper.toDomain(document, keys.forReading(new UserId(document.getObjectId("_id").toHexString())));
        }));
    }


    static final String EMAIL = UserClaimKeys.EMAIL;
    static final String USERNAME = UserClaimKeys.USERNAME;

    private static List<ClaimKey> claimKeys(String kind, List<String> entries) {
        return UserClaimKeys.of(kind, entries);
    }

    private static List<ClaimKey> claimKeys(Document fields) {
        return UserClaimKeys.of(fields);
    }

    /** The claims of the entries the stored user holds now. */
    private List<ClaimKey> heldClaimKeys(UserId id) {
        Document stored = MongoErrors.call(() -> users.find(byId(id))
                .projection(Projections.include("email_bidx", "username_bidx")).first());
        return stored == null ? List.of() : claimKeys(stored);
    }

    /**
     * Claims every key for the owner or, when one is taken, refuses the request. A new user's refused
     * claims go at once (nobody else can own its fresh id); a change's are left pending for the recovery
     * pass, since a concurrent change of the same user may have claimed the same key and be about to use it.
     */
    private void claimOrRefuse(List<ClaimKey> wanted, String owner, boolean newOwner) {
        Instant now = Instant.now();
        List<ClaimKey> taken = new ArrayList<>();
        for (ClaimKey key : wanted) {
            if (!claims.claim(key, owner, now)) {
                if (newOwner) {
                    releaseQuietly(taken, owner);
                } else {
                    leaveToRecovery(taken, owner);
                }
                throw EMAIL.equals(key.kind())
                        ? new Conflict("email-taken", "This email is already registered")
                        : new Conflict("username-taken", "This username is taken");
            }
            taken.add(key);
        }
    }

    /** Claims this request took but whose write did not happen: settled by the recovery pass from what the owner holds. */
    private void leaveToRecovery(List<ClaimKey> keys, String owner) {
        Instant now = Instant.now();
        try {
            keys.forEach(key -> claims.startRelease(key, owner, now));
        } catch (RuntimeException e) {
            LOG.warn("Claims of user {} left as they are for the recovery pass: {}", owner, e.getMessage());
        }
    }

    private void confirmQuietly(List<ClaimKey> keys, String owner) {
        try {
            keys.forEach(key -> claims.confirm(key, owner));
        } catch (RuntimeException e) {
            LOG.warn("Claims of user {} left pending for the recovery pass: {}", owner, e.getMessage());
        }
    }

    private void releaseQuietly(List<ClaimKey> keys, String owner) {
        try {
            keys.forEach(key -> claims.release(key, owner));
        } catch (RuntimeException e) {
            LOG.warn("Claims given up by user {} left pending for the recovery pass: {}", owner, e.getMessage());
        }
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
