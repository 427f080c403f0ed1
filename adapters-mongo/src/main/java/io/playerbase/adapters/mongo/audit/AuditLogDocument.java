package io.playerbase.adapters.mongo.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.List;

/**
 * One document of {@code user_audit_logs}, field names as stored. Holds names of changed fields,
 * never their values.
 *
 * @param id        the audit entry's id (so writing the same entry twice cannot duplicate it)
 * @param actorRole lower case, e.g. {@code player}, {@code system}
 * @param timestamp stored as a BSON date: the TTL index on it needs a date
 */
@MappedEntity("user_audit_logs")
@Serdeable
record AuditLogDocument(
        @Id String id,
        @MappedProperty("user_id") ObjectId userId,
        String actor,
        @MappedProperty("actor_role") String actorRole,
        String action,
        String module,
        @MappedProperty("changed_fields") List<String> changedFields,
        Instant timestamp,
        @MappedProperty("request_id") String requestId) {
}
