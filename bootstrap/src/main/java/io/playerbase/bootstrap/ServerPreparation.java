package io.playerbase.bootstrap;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.EmbeddedApplication;
import io.playerbase.adapters.mongo.migration.MigrateOnStartup;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP server's beans (routes, controllers, filters, codecs) on a second thread while the start's
 * pending migrations run on the main one ({@link MigrateOnStartup}, which listens after this), so that the
 * server opens about when the migrations end instead of a few hundred milliseconds later. The server still
 * opens only after them: Micronaut starts it once the startup event's listeners have returned, and nothing
 * here binds a port or serves a request. A failure is left to the main thread, which asks for the same beans
 * next and reports it.
 */
@Singleton
@Requires(beans = MigrateOnStartup.class)
final class ServerPreparation implements ApplicationEventListener<StartupEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPreparation.class);

    private final BeanContext context;

    ServerPreparation(BeanContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Thread.ofPlatform().name("http-server-preparation").daemon().start(() -> {
            try {
                context.findBean(EmbeddedApplication.class);
            } catch (RuntimeException e) {
                LOG.debug("Preparing the HTTP server failed; the start reports it when it opens the server", e);
            }
        });
    }

    /** Before the migrations' listener, which holds the main thread until they are applied. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
