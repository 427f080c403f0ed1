package io.playerbase.adapters.rest.support;

/**
 * What text a request may carry (docs/errors.md): any Unicode text except control characters other
 * than line feed, and except lone surrogates (which no store keeps: MongoDB would hold "?" while the
 * response echoed the original). Refused rather than cleaned, so what is stored is what was sent.
 */
public final class RequestText {

    private RequestText() {
    }

    /** Why {@code text} is not acceptable, or null when it is. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (a lone surrogate at position " + i + ")";
            } else if (Character.getType(c) == Character.CONTROL && c != '\n') {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + " at position " + i + ")";
            }
        }
        return null;
    }
}
