package io.playerbase.adapters.mongo.audit;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.bson.types.ObjectId;

import java.util.List;
import java.util.Locale;

/** Maps between the domain's {@link AuditEntry} and the stored {@link AuditLogDocument}. */
final class AuditLogDocumentMapper {

    private AuditLogDocumentMapper() {
    }

    static AuditLogDocument toDocument(AuditEntry entry) {
        Actor actor = entry.actor();
        return new AuditLogDocument(
                entry.id(),
                new ObjectId(entry.userId().value()),
                actor.id(),
                actor.role().name().toLowerCase(Locale.ROOT),
                entry.action(),
                entry.module(),
                entry.changedFields(),
                entry.timestamp(),
                actor.requestId());
    }

    static AuditEntry toEntry(AuditLogDocument document) {
        Actor actor = new Actor(
                document.actor(),
                Actor.ActorRole.valueOf(document.actorRole().toUpperCase(Locale.ROOT)),
                // Entries of the old system may lack a request id; the domain requires one.
                document.requestId() == null ? "" : document.requestId());
        return new AuditEntry(
                document.id(),
                new UserId(document.userId().toHexString()),
                actor,
                document.action(),
                document.module(),
                document.changedFields() == null ? List.of() : document.changedFields(),
                document.timestamp());
    }
}
