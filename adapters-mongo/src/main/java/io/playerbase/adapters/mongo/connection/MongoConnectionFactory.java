package io.playerbase.adapters.mongo.connection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.mongodb.DefaultMongoConnectionPoolTagsProvider;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import io.micronaut.configuration.mongo.core.CodecRegistryBuilder;
import io.micronaut.configuration.mongo.core.DefaultMongoConfiguration;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Produces the clients of the three database roles against an external MongoDB
 * ({@code playerbase.mongo.uri}) or, when that is blank, the embedded server:
 * <ul>
 *   <li>{@code read_write}: the one {@link MongoClient} bean and its {@link MongoDatabase}, used by
 *       every adapter that writes and by Micronaut Data;</li>
 *   <li>{@code read_only}: {@link ReadOnlyMongo}, which exposes reads only;</li>
 *   <li>{@code admin}: {@link AdminMongo}, for migrations.</li>
 * </ul>
 * The role clients are deliberately not {@code MongoClient} beans, so nothing can inject them by type
 * and write through them.
 *
 * <p>micronaut-mongo-sync creates its own client only when {@code mongodb.*} properties exist; we
 * never set them, so the read-write client is the only {@code MongoClient} bean and Micronaut Data
 * uses it (it binds its repository operations to every {@code MongoClient} bean; {@code @Primary}
 * gives it the "Primary" name those operations expect).
 */
@Factory
final class MongoConnectionFactory {

    static final String URI_PROPERTY = "playerbase.mongo.uri";

    /** The values of the {@code role} tag on the pool metrics: the three database roles (docs/access-control.md). */
    static final String ROLE_READ_WRITE = "read_write";
    static final String ROLE_READ_ONLY = "read_only";
    static final String ROLE_ADMIN = "admin";
    static final String POOL_MAX_SIZE_METRIC = "playerbase.mongo.pool.max.size";

    private static final Logger LOG = LoggerFactory.getLogger(MongoConnectionFactory.class);

    @Singleton
    MongoRoleSettings mongoRoleSettings(MongoRoleSettings.ReadOnly readOnly, MongoRoleSettings.Admin admin) {
        return new MongoRoleSettings(readOnly, admin);
    }

    @Singleton
    @Requires(condition = EmbeddedStoreCondition.class)
    @Bean(preDestroy = "close")
    EmbeddedMongoServer embeddedMongoServer(EmbeddedStoreSettings settings) {
        return EmbeddedMongoServer.start(settings.dataDir(), settings.port());
    }

    @Singleton
    MongoStoreInfo mongoStoreInfo(MongoConnectionSettings settings, @Nullable EmbeddedMongoServer embedded) {
        if (settings.embedded()) {
            return new MongoStoreInfo(true, databaseName(settings, null), requireEmbedded(embedded).description());
        }
        ConnectionString connectionString = MongoUris.parse(settings.uri());
        return new MongoStoreInfo(false, databaseName(settings, connectionString), MongoUris.describe(connectionString));
    }

    /**
     * Created eagerly ({@code @Context}). With {@code startup.max-attempts} 0 (the default) it does not
     * wait for the database: the HTTP server starts, readiness says DOWN and {@code MigrateOnStartup}
     * keeps trying; with N &gt; 0 an unreachable database fails the start after N attempts.
     */
    @Context
    @Primary
    @Bean(preDestroy = "close")
    MongoClient mongoClient(MongoConnectionSettings settings, MongoStoreInfo store,
                            @Nullable EmbeddedMongoServer embedded,
                            CodecRegistryBuilder codecRegistryBuilder,
                            ApplicationConfiguration applicationConfiguration,
                            @Nullable MeterRegistry meterRegistry, List<CommandListener> commandListeners) {
        ConnectionString connectionString = settings.embedded()
                ? new ConnectionString(requireEmbedded(embedded).connectionString())
                : MongoUris.parse(settings.uri());
        // Micronaut Data reads and writes entities through the client's codec registry, so the client
        // needs the registry Micronaut builds for it (entity codecs first, then the driver's defaults).
        // The builder only reads codec lists and package names from the configuration it is given.
        CodecRegistry codecs = codecRegistryBuilder.build(new DefaultMongoConfiguration(applicationConfiguration));
        MongoClient client = MongoClients.create(clientSettings(connectionString, settings, codecs, meterRegistry,
                ROLE_READ_WRITE, settings.pool().maxSize(), commandListeners));
        awaitIfConfigured(client, settings, store.description());
        LOG.info("MongoDB in use: {}, database {}", store.description(), store.database());
        return client;
    }

    @Singleton
    MongoDatabase mongoDatabase(MongoClient client, MongoStoreInfo store) {
        return client.getDatabase(store.database());
    }

    /** Eager like the main client: a wrong read-only URI or password fails the start, not the first listing. */
    @Context
    @Bean(preDestroy = "close")
    ReadOnlyMongo readOnlyMongo(MongoConnectionSettings settings, MongoRoleSettings roles, MongoStoreInfo store,
                                @Nullable EmbeddedMongoServer embedded, @Nullable MeterRegistry meterRegistry,
                                List<CommandListener> commandListeners) {
        MongoClientSettings client = MongoClientSettings.builder(clientSettings(
                        roleConnectionString(settings, roles.readOnlyUriOr(settings.uri()),
                                "playerbase.mongo.read-only.uri (MONGODB_URI_READ_ONLY)", roles, embedded),
                        settings, MongoClientSettings.getDefaultCodecRegistry(), meterRegistry,
                        ROLE_READ_ONLY, roles.readOnly().pool().maxSize(), commandListeners))
                .applicationName("playerbase-read-only")
                .readPreference(ReadPreference.secondaryPreferred())
                .applyToConnectionPoolSettings(pool -> pool.maxSize(roles.readOnly().pool().maxSize()).minSize(0))
                .build();
        return new ReadOnlyMongo(connect(client, settings, "read-only role: " + store.description()), store.database());
    }

    @Context
    @Bean(preDestroy = "close")
    AdminMongo adminMongo(MongoConnectionSettings settings, MongoRoleSettings roles, MongoStoreInfo store,
                          @Nullable EmbeddedMongoServer embedded, @Nullable MeterRegistry meterRegistry) {
        MongoClientSettings client = MongoClientSettings.builder(clientSettings(
                        roleConnectionString(settings, roles.adminUriOr(settings.uri()),
                                "playerbase.mongo.admin.uri (MONGODB_URI_ADMIN)", roles, embedded),
                        settings, MongoClientSettings.getDefaultCodecRegistry(), meterRegistry,
                        ROLE_ADMIN, roles.admin().pool().maxSize(), List.of()))
                .applicationName("playerbase-admin")
                .applyToConnectionPoolSettings(pool -> pool.maxSize(roles.admin().pool().maxSize()).minSize(0))
                .applyToSocketSettings(socket -> socket.readTimeout(
                        Math.toIntExact(roles.admin().socketTimeout().toMillis()), TimeUnit.MILLISECONDS))
                .build();
        return new AdminMongo(connect(client, settings, "admin role: " + store.description()), store.database());
    }

    private static ConnectionString roleConnectionString(MongoConnectionSettings settings, String uri, String setting,
                                                         MongoRoleSettings roles, @Nullable EmbeddedMongoServer embedded) {
        if (settings.embedded()) {
            if (roles.anyOwnUri()) {
                throw new IllegalStateException("A read-only or admin MongoDB URI is configured, but no main URI "
                        + "(MONGODB_URI): set it too, or none of them for the embedded store");
            }
            return new ConnectionString(requireEmbedded(embedded).connectionString());
        }
        return MongoUris.parse(uri, setting);
    }

    private static MongoClient connect(MongoClientSettings clientSettings, MongoConnectionSettings settings, String target) {
        MongoClient client = MongoClients.create(clientSettings);
        awaitIfConfigured(client, settings, target);
        return client;
    }

    private static void awaitIfConfigured(MongoClient client, MongoConnectionSettings settings, String target) {
        MongoConnectionSettings.Startup startup = settings.startup();
        if (startup.maxAttempts() == 0) {
            return;
        }
        try {
            new StartupPing(startup.maxAttempts(), startup.initialBackoff(), startup.maxBackoff(),
                    duration -> Thread.sleep(duration.toMillis()))
                    .await(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)), target);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The same settings for both stores. Majority write and read concern: an acknowledged write
     * survives a primary failover and reads never see data that could be rolled back. The embedded
     * server ignores both (it is a single in-process node), so they are safe there. The timeouts make a
     * dead or hung database a fast 503 rather than a blocked request (docs/operations.md); the read
     * timeout applies to an external MongoDB only: the in-process server cannot hang on its own, and
     * there a timeout would only cut a slow full scan. Every {@link CommandListener} bean hears the
     * commands too (there is none in the service; tests record the commands of the hot paths with one).
     */
    static MongoClientSettings clientSettings(ConnectionString connectionString, MongoConnectionSettings settings,
                                              CodecRegistry codecs, @Nullable MeterRegistry meterRegistry) {
        return clientSettings(connectionString, settings, codecs, meterRegistry, ROLE_READ_WRITE, settings.pool().maxSize(),
                List.of());
    }

    /**
     * {@link #clientSettings(ConnectionString, MongoConnectionSettings, CodecRegistry, MeterRegistry)} for one
     * database role: its pool metrics carry the tag {@code role}, and the gauge
     * {@code playerbase.mongo.pool.max.size} (same tag) says the pool's configured maximum, so that an alert
     * can compare the connections in use with each role's own size (docs/operations.md). The command
     * listeners hear every command the client sends (tests record them to check targeted queries).
     */
    static MongoClientSettings clientSettings(ConnectionString connectionString, MongoConnectionSettings settings,
                                              CodecRegistry codecs, @Nullable MeterRegistry meterRegistry,
                                              String role, int maxPoolSize, List<CommandListener> commandListeners) {
        if (meterRegistry != null) {
            Gauge.builder(POOL_MAX_SIZE_METRIC, () -> maxPoolSize).tag("role", role)
                    .description("Configured maximum size of the MongoDB connection pool of a database role")
                    .register(meterRegistry);
        }
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .applicationName("playerbase")
                .codecRegistry(codecs)
                .writeConcern(WriteConcern.MAJORITY)
                .readConcern(ReadConcern.MAJORITY)
                .retryWrites(true)
                .retryReads(true)
                .applyToConnectionPoolSettings(pool -> {
                    pool.maxSize(maxPoolSize).minSize(settings.pool().minSize());
                    if (meterRegistry != null) {
                        DefaultMongoConnectionPoolTagsProvider tags = new DefaultMongoConnectionPoolTagsProvider();
                        pool.addConnectionPoolListener(new MongoMetricsConnectionPoolListener(meterRegistry,
                                event -> Tags.of(tags.connectionPoolTags(event)).and("role", role)));
                    }
                })
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()), TimeUnit.MILLISECONDS)
                        .readTimeout(settings.embedded() ? 0 : Math.toIntExact(settings.socketTimeout().toMillis()),
                                TimeUnit.MILLISECONDS))
                .applyToServerSettings(server -> server
                        .heartbeatFrequency(settings.heartbeatFrequency().toMillis(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(settings.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
        // The admin role's commands (migrations, the jar's admin commands) are not timed: each distinct command
        // and collection is a new timer, and a fresh setup's few hundred one-off commands made dozens of them.
        if (meterRegistry != null && !ROLE_ADMIN.equals(role)) {
            builder.addCommandListener(new MongoMetricsCommandListener(meterRegistry));
        }
        commandListeners.forEach(builder::addCommandListener);
        return builder.build();
    }

    /** {@code playerbase.mongo.database} if set, else the database named in the URI, else {@code playerbase}. */
    static String databaseName(MongoConnectionSettings settings, @Nullable ConnectionString connectionString) {
        if (settings.database() != null && !settings.database().isBlank()) {
            return settings.database().strip();
        }
        if (connectionString != null && connectionString.getDatabase() != null && !connectionString.getDatabase().isBlank()) {
            return connectionString.getDatabase();
        }
        return MongoConnectionSettings.DEFAULT_DATABASE;
    }

    private static EmbeddedMongoServer requireEmbedded(@Nullable EmbeddedMongoServer embedded) {
        if (embedded == null) {
            throw new IllegalStateException("No MongoDB URI is configured and the embedded server is not available");
        }
        return embedded;
    }
}
