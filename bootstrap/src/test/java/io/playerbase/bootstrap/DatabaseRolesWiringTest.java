package io.playerbase.bootstrap;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.mongo.connection.AdminMongo;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.domain.shared.ReadOnlyPort;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database roles in the assembled service: the beans that serve read-only ports hold the read-only role and
 * nothing writable; migrations hold the admin role's client; the read-write client is the only
 * MongoClient bean. Complements the architecture rule, which checks the code, by checking the wiring.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class DatabaseRolesWiringTest {

    @Inject
    ApplicationContext context;

    private static List<Object> fieldValues(Object bean) throws IllegalAccessException {
        List<Object> values = new ArrayList<>();
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    values.add(field.get(bean));
                }
            }
        }
        return values;
    }

    @Test
    void readOnlyPortsAreServedByTheReadOnlyRoleAndHoldNothingWritable() throws IllegalAccessException {
        Collection<ReadOnlyPort> ports = context.getBeansOfType(ReadOnlyPort.class);
        assertTrue(ports.size() >= 3, "user search, audit trail, API-key listing: " + ports);
        ReadOnlyMongo readOnly = context.getBean(ReadOnlyMongo.class);
        for (ReadOnlyPort port : ports) {
            List<Object> held = fieldValues(port);
            assertTrue(held.stream().anyMatch(value -> value == readOnly), port.getClass() + " uses the read-only role");
            for (Object value : held) {
                assertFalse(value instanceof MongoDatabase || value instanceof MongoCollection<?> || value instanceof MongoClient
                        || value instanceof AdminMongo, port.getClass() + " holds a writable handle: " + value);
            }
        }
        assertEquals(ReadPreference.secondaryPreferred(), readOnly.readPreference());
    }

    @Test
    void migrationsUseTheAdminRoleAndTheReadWriteClientIsTheOnlyClientBean() throws IllegalAccessException {
        MongoClient adminClient = context.getBean(AdminMongo.class).client();
        assertTrue(fieldValues(context.getBean(MigrationRunner.class)).stream().anyMatch(value -> value == adminClient));
        assertEquals(1, context.getBeansOfType(MongoClient.class).size());
        assertSame(context.getBean(MongoClient.class), context.getBean(MongoClient.class));
        assertFalse(context.getBean(MongoClient.class) == adminClient);
    }
}
