package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/** Our id of a product, e.g. {@code coins_500}: what the API and the ledger descriptions name. */
public record ProductId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public ProductId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("product_id", "must be 1-64 characters: lower-case letters, digits, '_', '.' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
