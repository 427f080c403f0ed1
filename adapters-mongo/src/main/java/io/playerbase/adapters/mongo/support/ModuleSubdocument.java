package io.playerbase.adapters.mongo.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * A module's own subdocument of the user document ({@code modules.<module>}) written under the module's
 * version ({@code modules.<module>._version}): the filter and the change of one conditional update, so
 * a concurrent change of the same module makes the write match nothing (the caller's stale conflict).
 * Accounts from before the module wrote there have no version and count as version 0; the first write
 * sets the whole subdocument, which also works where it is missing or {@code null}, keeping the fields an
 * older system left there beside the module's.
 */
public final class ModuleSubdocument {

    private static final String VERSION = "_version";

    private final String module;
    private final String path;

    public ModuleSubdocument(String module) {
        this.module = module;
        this.path = "modules." + module;
    }

    /**
     * The conditional update: sets {@code fields} (names relative to the subdocument) together with {@code alongside}
     * (e.g. the audit outbox's push) on the owner's active account whose module is still at {@code expectedVersion}.
     *
     * @throws Conflict (stale, naming {@code what}) when it matched nothing: a concurrent change, or an erased account
     */
    public void write(MongoCollection<Document> users, UserId owner, long expectedVersion, Document fields, Bson alongside,
                      String what) {
        Bson update = Updates.combine(set(users, owner, expectedVersion, fields), alongside);
        Bson filter = current(owner, expectedVersion);
        if (MongoErrors.call(() -> users.updateOne(filter, update).getMatchedCount()) == 0) {
            throw Conflict.stale(what);
        }
    }

    /** The owner's active (not erased) account whose module is still at {@code expectedVersion}. */
    private Bson current(UserId owner, long expectedVersion) {
        String version = path + "." + VERSION;
        Bson versionIs = expectedVersion == 0
                ? Filters.or(Filters.eq(version, 0L), Filters.exists(version, false))
                : Filters.eq(version, expectedVersion);
        return Filters.and(byId(owner), Filters.ne("status", "deleted"), versionIs);
    }

    /** Sets {@code fields} (names relative to the subdocument); the first write reads the subdocument once. */
    private Bson set(MongoCollection<Document> users, UserId owner, long expectedVersion, Document fields) {
        if (expectedVersion != 0) {
            Document set = new Document();
            fields.forEach((name, value) -> set.append(path + "." + name, value));
            return new Document("$set", set);
        }
        Document current = MongoErrors.call(() -> users.find(byId(owner)).projection(Projections.include(path)).first());
        Document whole = new Document();
        if (current != null && current.get("modules") instanceof Document modules
                && modules.get(module) instanceof Document existing) {
            whole.putAll(existing);
        }
        whole.putAll(fields);
        return Updates.set(path, whole);
    }

    private static Bson byId(UserId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }
}
