package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.MongoCollection;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.function.Function;

/**
 * Phases {@code ledger} and {@code idempotency}: service-key values of a collection, re-encrypted in
 * place when under an older master key. Their content (and so the ledger's hash chain) does not change.
 */
final class ServiceKeyValues implements Phase {

    private final String name;
    private final MongoCollection<Document> collection;
    private final Function<Document, String> contextId;
    private final List<String> paths;
    private final FieldCipher serviceCipher;
    private final Meters meters;
    private final UnreadableValues unreadable;

    /**
     * @param contextId the id the values' ciphertexts are bound to; documents without one are skipped
     */
    ServiceKeyValues(String name, MongoCollection<Document> collection, Function<Document, String> contextId,
                     List<String> paths, FieldCipher serviceCipher, Meters meters, UnreadableValues unreadable) {
        this.name = name;
        this.collection = collection;
        this.contextId = contextId;
        this.paths = paths;
        this.serviceCipher = serviceCipher;
        this.meters = meters;
        this.unreadable = unreadable;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MongoCollection<Document> collection() {
        return collection;
    }

    @Override
    public Bson projection() {
        return null;
    }

    @Override
    public void visit(List<Document> batch, Checkpoint checkpoint) {
        batch.forEach(document -> reencrypt(document, checkpoint));
    }

    private void reencrypt(Document document, Checkpoint checkpoint) {
        String id = contextId.apply(document);
        if (id == null) {
            return;
        }
        String collectionName = collection.getNamespace().getCollectionName();
        Document expected = new Document("_id", document.get("_id"));
        Document changes = new Document();
        for (String path : paths) {
            if (Paths.valueAt(document, path) instanceof String stored && serviceCipher.isCiphertext(stored)
                    && serviceCipher.needsReencryption(stored)) {
                FieldContext context = new FieldContext(collectionName, id, path);
                String plain;
                try {
                    plain = serviceCipher.decrypt(stored, context);
                } catch (FieldCipher.CipherFailure e) {
                    unreadable.report(collectionName, String.valueOf(document.get("_id")), path, e.getMessage());
                    continue;
                }
                changes.append(path, serviceCipher.encrypt(plain, context));
                expected.append(path, stored);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        long matched = collection.updateOne(expected, new Document("$set", changes)).getMatchedCount();
        if (matched == 0) {
            checkpoint.count(Checkpoint.CONFLICTS_DEFERRED, meters.conflicts);
        } else {
            checkpoint.add(Checkpoint.VALUES_REENCRYPTED, changes.size(), meters.valuesReencrypted);
        }
    }
}
