package io.playerbase.adapters.mongo.migration;

import io.mongock.api.annotations.ChangeUnit;
import org.junit.jupiter.api.Test;
import org.reflections.Reflections;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeUnitsTest {

    @Test
    void everyChangeUnitOfThePackageIsListed() {
        // Change units are top-level classes; a nested one is a test's probe (LockGuardTest).
        var annotated = new Reflections(ChangeUnits.class.getPackageName()).getTypesAnnotatedWith(ChangeUnit.class)
                .stream().filter(type -> !type.isMemberClass()).collect(Collectors.toSet());

        assertEquals(annotated, new HashSet<>(ChangeUnits.ALL));
    }

    @Test
    void idsCarryTheirOrderAndTheListIsInOrder() {
        List<String> orders = ChangeUnits.ALL.stream().map(type -> type.getAnnotation(ChangeUnit.class).order()).toList();

        assertEquals(orders.stream().sorted().toList(), orders);
        assertEquals(orders.size(), new HashSet<>(orders).size());
        for (Class<?> type : ChangeUnits.ALL) {
            ChangeUnit unit = type.getAnnotation(ChangeUnit.class);
            assertTrue(unit.id().startsWith("V" + unit.order() + "_"), unit.id());
            assertEquals(type.getSimpleName(), unit.id());
        }
    }
}
