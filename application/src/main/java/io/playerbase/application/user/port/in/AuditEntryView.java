package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.AuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An audit entry as staff see it: who did what to which fields (names only), when, in which request. */
public record AuditEntryView(String id, String action, String module, List<String> changedFields, String actorId,
                             String actorRole, String requestId, Instant timestamp) {

    public static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.action(), entry.module(), entry.changedFields(),
                entry.actor().id(), entry.actor().role().name().toLowerCase(Locale.ROOT), entry.actor().requestId(),
                entry.timestamp());
    }
}
