package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/**
 * The caller's identity of one money movement, unique per wallet: the same operation id always
 * means the same movement, so a repeated one returns the original result instead of moving money
 * again. Visible ASCII without spaces, e.g. {@code purchase:apple:2000000123} or {@code api:<admin>:<key>}.
 */
public record OperationId(String value) {

    public static final int MAX_LENGTH = 300;
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    public OperationId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("operation_id", "must be 1-" + MAX_LENGTH + " visible ASCII characters");
        }
    }

    /** The operation id of the reversal of this operation: each operation can be reversed once. */
    public OperationId reversal() {
        String id = "reversal:" + value;
        return new OperationId(id.length() <= MAX_LENGTH ? id : id.substring(0, MAX_LENGTH));
    }
}
