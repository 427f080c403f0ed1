package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;

import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a product is and grants, valid by construction: a credits pack grants {@code credits} (wallet
 * minor units) and has no entitlement; a subscription grants {@code entitlement} for {@code period} and,
 * optionally, {@code credits} for each paid period (credited by the subscription module,
 * docs/subscriptions.md). {@code skus} names the product in each store that sells it (at least one).
 */
public record ProductDefinition(String title, ProductKind kind, Long credits, String entitlement, Period period,
                                Map<Store, String> skus) {

    public static final int MAX_TITLE = 100;
    public static final long MAX_CREDITS = 1_000_000_000L;
    public static final List<String> ENTITLEMENTS = List.of("premium");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,149}");

    public ProductDefinition {
        List<FieldError> errors = new ArrayList<>();
        if (title == null || title.isBlank() || title.codePointCount(0, title.length()) > MAX_TITLE
                || title.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("title", "must be 1-" + MAX_TITLE + " characters without control characters"));
        }
        Objects.requireNonNull(kind, "kind");
        if (kind == ProductKind.CREDITS_PACK) {
            if (credits == null || credits < 1 || credits > MAX_CREDITS) {
                errors.add(new FieldError("credits", "a credits pack grants 1-" + MAX_CREDITS + " credits"));
            }
            if (entitlement != null) {
                errors.add(new FieldError("entitlement", "only a subscription grants an entitlement"));
            }
            if (period != null) {
                errors.add(new FieldError("period", "only a subscription has a period"));
            }
        } else {
            if (credits != null && (credits < 1 || credits > MAX_CREDITS)) {
                errors.add(new FieldError("credits", "a subscription grants 1-" + MAX_CREDITS + " credits per period, or none"));
            }
            if (entitlement == null || !ENTITLEMENTS.contains(entitlement)) {
                errors.add(new FieldError("entitlement", "must be one of " + ENTITLEMENTS));
            }
            if (period == null || period.isNegative() || period.isZero() || period.toTotalMonths() > 12
                    || (period.toTotalMonths() == 12 && period.getDays() > 0)) {
                errors.add(new FieldError("period", "must be an ISO-8601 period from P1D to P1Y"));
            }
        }
        if (skus == null || skus.isEmpty()) {
            errors.add(new FieldError("skus", "name the product in at least one store"));
        } else {
            skus.forEach((store, sku) -> {
                if (sku == null || !SKU.matcher(sku).matches()) {
                    errors.add(new FieldError("skus." + store.wireName(),
                            "must be 1-150 characters: letters, digits, '.', '_' or '-'"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        title = title.strip();
        skus = Map.copyOf(new EnumMap<>(skus));
    }
}
