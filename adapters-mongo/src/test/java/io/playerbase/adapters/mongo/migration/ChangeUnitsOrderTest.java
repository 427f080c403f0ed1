package io.playerbase.adapters.mongo.migration;

import io.mongock.api.annotations.ChangeUnit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangeUnitsOrderTest {

    @Test
    void freshSetupComesFirstAndIdsAreOrderedAndUnique() {
        List<String> ids = ChangeUnits.ids();
        assertEquals(List.of("V0001_CreateCollections", "V0002_AddModuleRegistry", "V0003_CreateComputerPlayers"), ids.subList(0, 3));
        assertEquals(ids.stream().sorted().toList(), ids, "listed in id order");
        assertEquals(ids.size(), ids.stream().distinct().count());
        for (Class<?> unit : ChangeUnits.ALL) {
            ChangeUnit annotation = unit.getAnnotation(ChangeUnit.class);
            assertEquals(annotation.id().substring(1, 5), annotation.order(), "order matches the id");
        }
    }
}
