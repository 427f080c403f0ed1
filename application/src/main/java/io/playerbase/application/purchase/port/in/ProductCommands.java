package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.ProductDefinition;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Validation shared by the catalog commands: every invalid field is reported, not just the first. */
final class ProductCommands {

    private ProductCommands() {
    }

    static ProductId productId(String value) {
        return new ProductId(value);
    }

    static ProductDefinition definition(String title, String kind, Long credits, String entitlement, String period,
                                        Map<String, String> skus) {
        List<FieldError> errors = new ArrayList<>();
        ProductKind validKind = kind == null ? missing("kind", errors) : collect(() -> ProductKind.fromWireName(kind), errors);
        Period validPeriod = null;
        if (period != null) {
            try {
                validPeriod = Period.parse(period);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("period", "must be an ISO-8601 period such as P1M"));
            }
        }
        Map<Store, String> validSkus = new EnumMap<>(Store.class);
        if (skus != null) {
            skus.forEach((store, sku) -> {
                Store valid = collect(() -> Store.fromWireName(store), errors);
                if (valid != null) {
                    validSkus.put(valid, sku);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        Period finalPeriod = validPeriod;
        return new ProductDefinition(title, validKind, credits, entitlement, finalPeriod, validSkus);
    }

    private static <T> T collect(Supplier<T> factory, List<FieldError> errors) {
        try {
            return factory.get();
        } catch (InvalidValue e) {
            errors.addAll(e.fieldErrors().isEmpty() ? List.of(new FieldError("value", e.getMessage())) : e.fieldErrors());
            return null;
        }
    }

    private static <T> T missing(String field, List<FieldError> errors) {
        errors.add(new FieldError(field, "is required"));
        return null;
    }
}
