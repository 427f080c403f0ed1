package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process MongoDB wire-protocol server used when no {@code MONGODB_URI} is configured
 * (mongo-java-server). Listens on 127.0.0.1 only, so the store is never reachable from the network.
 * Keeps the documents in memory and, unless in memory only, in a BSON document file
 * ({@code <data-dir>/playerbase.docs}, {@link DocumentFile}). Its limits
 * versus a real MongoDB are listed in {@code docs/embedded-store.md}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /** The data directory value that selects the in-memory store. */
    public static final String IN_MEMORY = ":memory:";
    static final String HOST = "127.0.0.1";
    static final String FILE_NAME = DocumentFile.FILE_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final String store;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(MongoBackend backend, String store, int port) {
        this.server = new MongoServer(backend);
        this.store = store;
        try {
            server.bind(HOST, port);
        } catch (Exception e) {
            // bind() has already shut the backend down (and closed the file).
            throw new IllegalStateException("The embedded MongoDB cannot listen on " + HOST + ":" + port + " ("
                    + e + "). Set PLAYERBASE_EMBEDDED_PORT to a free port, or to 0 for any free port.", e);
        }
        this.address = server.getLocalAddress();
        LOG.info("Embedded MongoDB store in use: {}, listening on {}:{}", store, HOST, address.getPort());
    }

    /** Starts the server; {@code dataDir} {@value #IN_MEMORY} selects the in-memory store, port 0 any free port. */
    public static EmbeddedMongoServer start(String dataDir, int port) {
        if (IN_MEMORY.equals(dataDir.strip())) {
            return startInMemory(port);
        }
        return startWithFile(Path.of(dataDir.strip()), port);
    }

    public static EmbeddedMongoServer startInMemory(int port) {
        return new EmbeddedMongoServer(new EmbeddedBackend(IdIndexedBackends.inMemory(), () -> { }), "in memory", port);
    }

    public static EmbeddedMongoServer startWithFile(Path dataDir, int port) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + file.getParent(), e);
        }
        IdIndexedBackends.StoredBackend backend;
        try {
            H2FileConversion.convertIfPresent(file.getParent(), file);
            backend = IdIndexedBackends.file(DocumentFile.open(file));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the embedded store " + file
                    + " (is another Playerbase instance using the same data directory?)", e);
        }
        // Write every write command's records to the file before it is acknowledged, so that a killed
        // process loses no acknowledged write. Concurrent writes share one write (GroupCommit).
        return new EmbeddedMongoServer(new EmbeddedBackend(backend, new GroupCommit(backend::commit)), "file " + file, port);
    }

    /** Whether {@code dataDir} holds an embedded store: this release's file, or an earlier release's H2 file (converted at start). */
    public static boolean holdsStore(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME)) || Files.exists(dataDir.resolve(H2FileConversion.H2_FILE_NAME));
    }

    /** A driver connection string without credentials, e.g. {@code mongodb://127.0.0.1:27018}. */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /** Where the data lives and where the server listens, for logs and health (no secrets here). */
    public String description() {
        return "embedded MongoDB (" + store + ") on " + HOST + ":" + address.getPort();
    }

    /** Stops listening, closes client connections and the store (the file store commits on close). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdownNow();
            LOG.info("Embedded MongoDB stopped ({})", store);
        }
    }
}
