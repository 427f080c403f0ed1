package io.playerbase.domain.shared;

import java.util.List;

/**
 * A stored value cannot be read: its ciphertext fails authentication, its key is unknown, or it has
 * the wrong type. A server-side fault (500 {@code stored-data-unreadable}) that names the field, never
 * the value; it concerns one document, and an admin can repair it by clearing the field.
 */
public final class StoredDataUnreadable extends DomainException {

    private final String field;

    public StoredDataUnreadable(String field) {
        super("stored-data-unreadable", "A stored value of this account cannot be read (" + field
                + "); an administrator can clear it", List.of(new FieldError(field, "is stored unreadably")));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
