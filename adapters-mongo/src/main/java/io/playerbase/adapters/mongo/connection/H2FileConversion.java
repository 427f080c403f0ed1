package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts a data directory of the releases that kept the embedded store in an H2 MVStore file
 * ({@code playerbase.mv}, mongo-java-server's H2 backend) into a {@link DocumentFile}, once, at the
 * first start: every document of every collection (the collection and index lists included) is read
 * with the stock H2 backend and written as BSON. The old file is kept beside the new one as
 * {@code playerbase.mv.converted} (delete it once the service runs fine); a failed conversion leaves
 * the old file untouched and stops the start.
 */
final class H2FileConversion {

    static final String H2_FILE_NAME = "playerbase.mv";
    private static final String KEPT_SUFFIX = ".converted";
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final Logger LOG = LoggerFactory.getLogger(H2FileConversion.class);

    private H2FileConversion() {
    }

    /** Converts {@code dataDir/playerbase.mv} into {@code target} when the first exists and the second does not. */
    static void convertIfPresent(Path dataDir, Path target) {
        Path h2 = dataDir.resolve(H2_FILE_NAME);
        if (!Files.exists(h2) || Files.exists(target)) {
            return;
        }
        long started = System.nanoTime();
        Path partial = target.resolveSibling(target.getFileName() + ".converting");
        try {
            Files.deleteIfExists(partial);
            Map<String, Map<String, List<Document>>> databases = read(h2);
            DocumentFile.write(partial, databases);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.move(h2, h2.resolveSibling(H2_FILE_NAME + KEPT_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot convert the embedded store " + h2 + " to " + target, e);
        }
        LOG.info("Converted the embedded store {} (H2) to {} in {} ms; the old file is kept as {}{}", h2, target,
                (System.nanoTime() - started) / 1_000_000, H2_FILE_NAME, KEPT_SUFFIX);
    }

    private static Map<String, Map<String, List<Document>>> read(Path h2) {
        MVStore store = new MVStore.Builder().fileName(h2.toString()).open();
        H2Backend backend = new H2Backend(store);
        try {
            TreeSet<String> names = new TreeSet<>();
            for (String map : store.getMapNames()) {
                if (map.startsWith(DATA_MAP_PREFIX)) {
                    String namespace = map.substring(DATA_MAP_PREFIX.length());
                    names.add(namespace.substring(0, namespace.indexOf('.')));
                }
            }
            Map<String, Map<String, List<Document>>> databases = new LinkedHashMap<>();
            for (String name : names) {
                MongoDatabase database = backend.resolveDatabase(name);
                Map<String, List<Document>> collections = new LinkedHashMap<>();
                List<String> collectionNames = new ArrayList<>(List.of("system.namespaces", "system.indexes"));
                MongoCollection<?> namespaces = database.resolveCollection("system.namespaces", false);
                if (namespaces == null) {
                    continue;
                }
                for (Document namespace : namespaces.queryAll()) {
                    collectionNames.add(((String) namespace.get("name")).substring(name.length() + 1));
                }
                for (String collectionName : collectionNames) {
                    MongoCollection<?> collection = database.resolveCollection(collectionName, false);
                    List<Document> documents = new ArrayList<>();
                    if (collection != null) {
                        collection.queryAll().forEach(documents::add);
                    }
                    collections.put(collectionName, documents);
                }
                databases.put(name, collections);
            }
            return databases;
        } finally {
            backend.close();
        }
    }
}
