package io.playerbase.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.mongo.migration.MigrateOnStartup;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class ServerPreparationTest {

    @Inject
    ApplicationContext context;

    /** The HTTP server's beans are being built while the migrations hold the main thread, not after them. */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void theServerIsPreparedBeforeTheMigrationsListenerRuns() {
        List<ApplicationEventListener> listeners = new ArrayList<>(context.getBeansOfType(ApplicationEventListener.class,
                Qualifiers.byTypeArguments(StartupEvent.class)));
        OrderUtil.sort(listeners);
        int preparation = indexOf(listeners, ServerPreparation.class);
        int migrations = indexOf(listeners, MigrateOnStartup.class);
        assertTrue(preparation >= 0 && migrations > preparation, listeners.toString());
    }

    private static int indexOf(List<?> listeners, Class<?> type) {
        for (int i = 0; i < listeners.size(); i++) {
            if (type.isInstance(listeners.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
