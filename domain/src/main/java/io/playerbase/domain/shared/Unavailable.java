package io.playerbase.domain.shared;

/** A dependency (database, a saturated resource pool) cannot serve the request now; retrying later may work. */
public final class Unavailable extends DomainException {
    public Unavailable(String code, String detail, Throwable cause) {
        super(code, detail, cause);
    }
}
