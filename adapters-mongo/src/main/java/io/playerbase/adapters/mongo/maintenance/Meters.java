package io.playerbase.adapters.mongo.maintenance;

import java.util.concurrent.atomic.AtomicLong;

/** Process-wide counts of what passes did, exposed as gauges (the checkpoint holds the stored totals). */
final class Meters {

    final AtomicLong keysRewrapped = new AtomicLong();
    final AtomicLong valuesReencrypted = new AtomicLong();
    final AtomicLong legacyValuesEncrypted = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong indexEntriesChanged = new AtomicLong();
    final AtomicLong legacyRemaining = new AtomicLong();
}
