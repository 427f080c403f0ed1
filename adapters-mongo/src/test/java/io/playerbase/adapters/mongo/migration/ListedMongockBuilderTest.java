package io.playerbase.adapters.mongo.migration;

import com.github.cloudyrock.mongock.ChangeLog;
import io.mongock.api.annotations.ChangeUnit;
import org.junit.jupiter.api.Test;
import org.reflections.Reflections;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ListedMongockBuilderTest {

    /** What Mongock's own scan finds in each package it scans is exactly what the builder lists for it. */
    @Test
    void theListedSystemChangeUnitsAreWhatMongocksScanFinds() {
        ListedMongockBuilder.SYSTEM_CHANGE_UNITS.forEach((name, listed) -> {
            Set<Class<?>> scanned = new HashSet<>(new Reflections(name).getTypesAnnotatedWith(ChangeUnit.class));
            scanned.addAll(new Reflections(name).getTypesAnnotatedWith(ChangeLog.class));
            assertFalse(scanned.isEmpty(), name);
            assertEquals(scanned, Set.copyOf(listed), name);
        });
    }
}
