package io.playerbase.adapters.mongo.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MongoUrisTest {

    @Test
    void redactsUserInformation() {
        assertEquals("mongodb://****@db1:27017,db2:27017/app?replicaSet=rs0",
                MongoUris.redact("mongodb://app:s3cr%40t@db1:27017,db2:27017/app?replicaSet=rs0"));
        assertEquals("mongodb+srv://****@cluster0.example.net/app",
                MongoUris.redact("mongodb+srv://app:pw@cluster0.example.net/app"));
        assertEquals("mongodb://db:27017/app", MongoUris.redact("mongodb://db:27017/app"));
    }

    @Test
    void anInvalidUriIsReportedWithoutItsPassword() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> MongoUris.parse("mongodb://app:s3cret@db:notaport/app"));

        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }

    @Test
    void describesHostsAndReplicaSetWithoutCredentials() {
        assertEquals("external MongoDB at db1:27017,db2:27017 (replica set rs0)",
                MongoUris.describe(MongoUris.parse("mongodb://app:s3cret@db1:27017,db2:27017/app?replicaSet=rs0")));
    }
}
