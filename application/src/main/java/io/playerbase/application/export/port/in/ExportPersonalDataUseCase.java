package io.playerbase.application.export.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Objects;

public interface ExportPersonalDataUseCase {

    /**
     * Everything Playerbase holds about the subject, decrypted, with the Art. 15 information (docs/privacy.md).
     * Checks the account and records the export in its audit log before it returns; the long sections
     * are read as the result is written. 404 {@code user-not-found} for unknown and erased accounts.
     */
    PersonalDataExport export(Command command);

    /**
     * @param reason why staff export it; {@code null} when the subject exports their own data
     */
    record Command(UserId subject, Actor requester, ExportReason reason) {

        public Command {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(requester, "requester");
        }

        /** The subject's own export. */
        public static Command self(UserId subject, String requestId) {
            return new Command(subject, Actor.player(subject, requestId), null);
        }

        /** An export by staff, with a reason code ({@link ExportReason}); 400 {@code invalid-value} on {@code reason}. */
        public static Command byStaff(UserId subject, Actor staff, String reason) {
            return new Command(subject, staff, ExportReason.fromWire(reason));
        }
    }
}
