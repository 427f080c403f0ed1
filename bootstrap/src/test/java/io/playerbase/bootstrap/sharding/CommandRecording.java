package io.playerbase.bootstrap.sharding;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.playerbase.adapters.mongo.testing.CommandRecorder;
import jakarta.inject.Singleton;

/** A {@link CommandRecorder} bean (and so a listener of the service's clients) where a test asks for one. */
@Factory
@Requires(property = "test.record-mongo-commands", value = "true")
class CommandRecording {

    @Singleton
    CommandRecorder commandRecorder() {
        return new CommandRecorder();
    }
}
