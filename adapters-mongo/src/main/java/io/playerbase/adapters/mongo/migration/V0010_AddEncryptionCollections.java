package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.ValidationAction;
import com.mongodb.client.model.ValidationLevel;
import com.mongodb.client.model.ValidationOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The collections of field encryption:
 * <ul>
 *   <li>{@code user_keys}: one wrapped data key per user ({@code _id} = the user's id). Kept out of the
 *   {@code users} collection so that erasing a user is deleting one key document, and so that key
 *   backups can be kept on a shorter retention than data backups (see docs/encryption.md);</li>
 *   <li>{@code encryption_state}: the checkpoint of the re-encryption pass (key rotation, legacy
 *   values), so an interrupted pass resumes where it stopped.</li>
 * </ul>
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0010_AddEncryptionCollections", order = "0010", author = "playerbase")
public class V0010_AddEncryptionCollections {

    private static final Logger LOG = LoggerFactory.getLogger(V0010_AddEncryptionCollections.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0010_AddEncryptionCollections(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        create("user_keys", new Document("bsonType", "object")
                .append("required", List.of("wrapped_key", "created_at"))
                .append("properties", new Document("wrapped_key", new Document("bsonType", "string"))
                        .append("created_at", new Document("bsonType", "date"))));
        create("encryption_state", new Document("bsonType", "object"));
    }

    private void create(String collection, Document schema) {
        if (database.listCollectionNames().into(new java.util.ArrayList<>()).contains(collection)) {
            return;
        }
        CreateCollectionOptions options = new CreateCollectionOptions();
        if (!settings.embeddedStore()) {
            options.validationOptions(new ValidationOptions()
                    .validator(new Document("$jsonSchema", schema))
                    .validationLevel(ValidationLevel.MODERATE)
                    .validationAction(ValidationAction.ERROR));
        }
        try {
            database.createCollection(collection, options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != NAMESPACE_EXISTS) {
                throw e;
            }
        }
    }

    /** Nothing to undo: creating the collection is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0010_AddEncryptionCollections failed; nothing is dropped, the next run completes it");
    }
}
