package io.playerbase.adapters.mongo.maintenance;

import org.bson.Document;

/** Dotted paths into stored documents ({@code modules.wallet.balance}, {@code response.body}). */
final class Paths {

    private Paths() {
    }

    static Object valueAt(Document document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Document nested)) {
                return null;
            }
            current = nested.get(part);
        }
        return current;
    }
}
