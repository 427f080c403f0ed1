package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.micronaut.core.annotation.Nullable;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.driver.mongodb.sync.v4.driver.MongoSync4Driver;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PasswordHasher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Mongock change units of {@link ChangeUnits} against the configured database and reports
 * what is applied and what is pending.
 *
 * <p>Mongock runs without transactions (the embedded server and a standalone MongoDB have none), so
 * every change unit is idempotent and completes on the next run if one fails half way. Mongock's
 * lock in the database makes concurrent runs by several instances wait for each other.
 *
 * <p>The service builds it on the admin database role's client ({@link MigrationBeans}).
 */
public class MigrationRunner {

    /** Mongock's default change-log collection. */
    static final String CHANGE_LOG_COLLECTION = "mongockChangeLog";
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final List<String> BEFORE_SCHEMA_IDS = ChangeUnits.BEFORE_SCHEMA.stream()
            .map(type -> type.getAnnotation(ChangeUnit.class).id()).toList();

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final MongoClient client;
    private final String databaseName;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final PasswordHasher hasher;
    private final MigrationSettings settings;
    private final LegacyCipher legacy;
    private final boolean freshSetup;
    private volatile LastRun lastRun = new LastRun(MigrationStatus.Outcome.NOT_RUN, null, null);

    public MigrationRunner(MongoClient client, MongoStoreInfo store, FieldCipher cipher, BlindIndex blindIndex,
                           PasswordHasher hasher, MigrationSettings settings, @Nullable LegacyCipher legacy) {
        this(client, store, cipher, blindIndex, hasher, settings, legacy, false);
    }

    /**
     * @param freshSetup whether an empty database is set up without Mongock ({@link FreshSetup}): only for the
     *                   embedded store this process started, which nothing else can reach meanwhile
     */
    public MigrationRunner(MongoClient client, MongoStoreInfo store, FieldCipher cipher, BlindIndex blindIndex,
                           PasswordHasher hasher, MigrationSettings settings, @Nullable LegacyCipher legacy,
                           boolean freshSetup) {
        this.freshSetup = freshSetup;
        this.client = client;
        this.databaseName = store.database();
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.hasher = hasher;
        this.settings = settings;
        this.legacy = legacy == null ? LegacyCipher.NONE : legacy;
    }

    /**
     * Applies the pending change units.
     *
     * @return the status afterwards
     * @throws IllegalStateException when a change unit fails or the lock cannot be obtained
     */
    public synchronized MigrationStatus migrate() {
        try {
            // Looked at under this object's lock: a caller that waited for another run (the periodic check
            // during a slow start) finds the work done and does not start Mongock again.
            List<String> pending = status().pending();
            if (pending.isEmpty()) {
                lastRun = new LastRun(MigrationStatus.Outcome.SUCCEEDED, now(), null);
                MigrationStatus status = status();
                LOG.info("Migrations of database {} up to date: {} applied, none pending", databaseName,
                        status.applied().size());
                return status;
            }
            if (freshSetup && pending.equals(ChangeUnits.ids()) && FreshSetup.isEmpty(client.getDatabase(databaseName))) {
                LOG.info("Setting up the empty embedded store: database {}, {} change units", databaseName, ChangeUnits.ALL.size());
                new FreshSetup(client.getDatabase(databaseName), dependencies()).run(ChangeUnits.ALL);
                return succeeded();
            }
            LOG.info("Applying migrations to database {} ({} change units known)", databaseName, ChangeUnits.ALL.size());
            // Legacy preparation first (see ChangeUnits.BEFORE_SCHEMA), then everything in order. A database
            // without users has nothing to prepare: the unit then runs in its place among the others.
            if (pending.stream().anyMatch(BEFORE_SCHEMA_IDS::contains) && hasUsers()) {
                run(ChangeUnits.BEFORE_SCHEMA);
            }
            run(ChangeUnits.ALL);
        } catch (RuntimeException e) {
            String error = summary(e);
            lastRun = new LastRun(MigrationStatus.Outcome.FAILED, now(), error);
            LOG.error("Migrations of database {} failed: {}", databaseName, error, e);
            throw new IllegalStateException("Migrations of database " + databaseName + " failed: " + error, e);
        }
        return succeeded();
    }

    private MigrationStatus succeeded() {
        lastRun = new LastRun(MigrationStatus.Outcome.SUCCEEDED, now(), null);
        MigrationStatus status = status();
        LOG.info("Migrations of database {} up to date: {} applied", databaseName, status.applied().size());
        return status;
    }

    /** What the change units' constructors may ask for besides the database, by type. */
    private Map<Class<?>, Object> dependencies() {
        return Map.of(FieldCipher.class, cipher, BlindIndex.class, blindIndex, PasswordHasher.class, hasher,
                MigrationSettings.class, settings, LegacyCipher.class, legacy,
                ShardingCluster.class, new MongoShardingCluster(client));
    }

    private boolean hasUsers() {
        return client.getDatabase(databaseName).getCollection("users").find().limit(1).first() != null;
    }

    /** Milliseconds, the precision of every other timestamp the service shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** One Mongock run of these units (package-private for the tests). */
    void run(List<Class<?>> units) {
        ListedMongockBuilder builder = new ListedMongockBuilder();
        dependencies().forEach(builder::addDependency);
        builder
                // A Mongock driver serves one run only, hence a new one each time.
                .setDriver(MongoSync4Driver.withDefaultLock(client, databaseName))
                .addMigrationClasses(units)
                .setTransactional(false)
                // Mongock's lock is still taken, refreshed by its background thread and released; the guard
                // would also wrap the database, every collection and every result the units touch in proxies
                // that check the lock before each call: classes generated at every start (the AOT cache cannot
                // hold them) for a check the units do not need, as each is idempotent and single-document
                // atomic (docs/migrations.md).
                .setLockGuardEnabled(false)
                .buildRunner()
                .execute();
    }

    /** Applied change units according to Mongock's change log, pending ones of this build, last run here. */
    public MigrationStatus status() {
        // The latest entry of a change unit decides (a failed attempt may be followed by a success).
        Map<String, String> stateById = new LinkedHashMap<>();
        for (Document entry : client.getDatabase(databaseName).getCollection(CHANGE_LOG_COLLECTION)
                .find(Filters.and(Filters.ne("systemChange", true), Filters.ne("type", "BEFORE_EXECUTION")))
                .sort(Sorts.ascending("timestamp"))) {
            stateById.put(entry.getString("changeId"), entry.getString("state"));
        }
        // In the order of this build (legacy preparation runs first but is listed in its place), then unknown ids.
        List<String> applied = new ArrayList<>();
        ChangeUnits.ids().stream().filter(id -> "EXECUTED".equals(stateById.get(id))).forEach(applied::add);
        stateById.forEach((id, state) -> {
            if ("EXECUTED".equals(state) && !applied.contains(id)) {
                applied.add(id);
            }
        });
        List<String> pending = ChangeUnits.ids().stream().filter(id -> !applied.contains(id)).toList();
        LastRun run = lastRun;
        return new MigrationStatus(applied, pending, run.outcome(), run.at(), run.error());
    }

    private static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }

    private record LastRun(MigrationStatus.Outcome outcome, @Nullable Instant at, @Nullable String error) {
    }
}
