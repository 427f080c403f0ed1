package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encryption at rest seen from outside: what a raw look at the database shows, and what erasure leaves. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class EncryptionEndToEndTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    FieldCipher serviceCipher;
    @Inject
    PersonalDataKeys dataKeys;

    private record Person(String id, String email, String username, String phone, String address, String token) {
    }

    private Person registerWithProfile() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "person." + tag + "@example.org";
        String username = "person_" + tag;
        String phone = "+44 7700 9" + tag.replaceAll("[^0-9]", "1").substring(0, 5);
        String address = "Flat " + tag + ", 42 Acacia Avenue";
        Map<?, ?> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", email, "username", username, "password", "correct horse battery")), Map.class);
        String token = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", username, "password", "correct horse battery")), Map.class).get("access_token");
        http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", phone, "address", address))
                .bearerAuth(token), Map.class);
        return new Person((String) created.get("id"), email, username, phone, address, token);
    }

    @Test
    void noCollectionHoldsAPersonalValueInClear() {
        List<Person> people = List.of(registerWithProfile(), registerWithProfile(), registerWithProfile());
        int documents = 0;
        for (String collection : database.listCollectionNames().into(new ArrayList<>())) {
            for (Document document : database.getCollection(collection).find()) {
                documents++;
                String json = document.toJson();
                for (Person person : people) {
                    for (String secret : List.of(person.email(), person.phone(), person.address())) {
                        assertTrue(!json.toLowerCase().contains(secret.toLowerCase()),
                                () -> collection + " holds " + secret + " in clear: " + json);
                    }
                }
            }
        }
        assertTrue(documents > people.size(), "the scan saw the documents");
        for (Document user : database.getCollection("users").find()) {
            Object balance = ((Document) ((Document) user.get("modules")).get("wallet")).get("balance");
            assertTrue(balance instanceof String text && text.startsWith("pb1:"),
                    () -> "wallet balance stored as a ciphertext, was " + balance);
        }
    }

    @Test
    void erasureShredsPersonalDataAndFreesTheEmailAndUsername() {
        Person person = registerWithProfile();
        Document before = database.getCollection("users").find(Filters.eq("_id", new ObjectId(person.id()))).first();
        String emailCiphertext = before.getString("email");
        String wrappedKey = database.getCollection("user_keys").find(Filters.eq("_id", new ObjectId(person.id())))
                .first().getString("wrapped_key");
        UserId id = new UserId(person.id());
        FieldContext emailContext = new FieldContext("users", person.id(), "email");
        assertEquals(person.email(), dataKeys.cipherFor(id, wrappedKey).decrypt(emailCiphertext, emailContext),
                "readable while the account exists");

        HttpClientResponseException wrong = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", "not my password")).bearerAuth(person.token())));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, wrong.getStatus());
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me",
                Map.of("password", "correct horse battery")).bearerAuth(person.token())).getStatus());

        Document after = database.getCollection("users").find(Filters.eq("_id", new ObjectId(person.id()))).first();
        assertEquals("deleted", after.getString("status"));
        assertTrue(after.getString("username").startsWith("deleted-"));
        assertEquals(emailCiphertext, after.getString("email"));
        assertEquals(0, database.getCollection("user_keys").countDocuments(Filters.eq("_id", new ObjectId(person.id()))));
        // Nothing the service holds decrypts the former ciphertext any more.
        assertThrows(FieldCipher.CipherFailure.class, () -> serviceCipher.decrypt(emailCiphertext, emailContext));
        assertThrows(FieldCipher.CipherFailure.class,
                () -> dataKeys.cipherFor(id, dataKeys.newWrappedKey(id)).decrypt(emailCiphertext, emailContext));
        List<String> actions = database.getCollection("user_audit_logs").find(Filters.eq("user_id", new ObjectId(person.id())))
                .map(entry -> entry.getString("action")).into(new ArrayList<>());
        assertTrue(actions.contains("user.erased"), actions.toString());

        HttpClientResponseException login = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .retrieve(HttpRequest.POST("/api/v1/auth/login", Map.of("login", person.email(), "password", "correct horse battery"))));
        assertEquals(HttpStatus.UNAUTHORIZED, login.getStatus());
        Map<String, Object> again = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                        Map.of("email", person.email(), "username", person.username(), "password", "another password")),
                Argument.mapOf(String.class, Object.class));
        assertNotNull(again.get("id"));
        assertTrue(!person.id().equals(again.get("id")));
    }
}
