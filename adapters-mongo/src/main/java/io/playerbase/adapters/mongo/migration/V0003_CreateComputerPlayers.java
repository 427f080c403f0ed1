package io.playerbase.adapters.mongo.migration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.changock.migration.api.annotations.NonLockGuarded;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.PasswordHasher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The five computer players that game servers put at tables. Each one missing (looked up
 * by its username's blind index) is inserted with every module that is active in the registry at that
 * moment and 1000 coins; existing players are never touched.
 *
 * <p>The document has exactly the shape the user adapter writes. It is built here from plain
 * {@link Document}s, not through the domain, so this change unit stays as it is when the domain moves on.
 */
@ChangeUnit(id = "V0003_CreateComputerPlayers", order = "0003", author = "playerbase")
public class V0003_CreateComputerPlayers {

    static final List<String> USERNAMES = List.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt");
    static final int COINS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(V0003_CreateComputerPlayers.class);

    private final MongoDatabase database;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final PasswordHasher hasher;
    private final MigrationSettings settings;

    // The ports do not touch the database, so Mongock's lock guard has nothing to protect there.
    public V0003_CreateComputerPlayers(MongoDatabase database,
                                       @NonLockGuarded FieldCipher cipher,
                                       @NonLockGuarded BlindIndex blindIndex,
                                       @NonLockGuarded PasswordHasher hasher,
                                       MigrationSettings settings) {
        this.database = database;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.hasher = hasher;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        MongoCollection<Document> users = database.getCollection("users");
        Map<String, String> usernameIndexes = USERNAMES.stream()
                .collect(Collectors.toMap(username -> username, username -> blindIndex.of("username", username)));
        Set<String> present = new HashSet<>();
        for (Document user : users.find(Filters.in("username_bidx", usernameIndexes.values()))
                .projection(Projections.include("username_bidx"))) {
            // One entry, or a list of them (a user indexed from the old system): the query matched either.
            if (user.get("username_bidx") instanceof List<?> entries) {
                entries.forEach(entry -> present.add(String.valueOf(entry)));
            } else {
                present.add(String.valueOf(user.get("username_bidx")));
            }
        }
        List<String> missing = USERNAMES.stream().filter(username -> !present.contains(usernameIndexes.get(username))).toList();
        // A configured password's hashes (Argon2id, the bulk of a fresh setup's CPU) side by side on the cores.
        Map<String, String> hashes = missing.parallelStream()
                .collect(Collectors.toConcurrentMap(username -> username, username -> passwordHash()));
        List<Document> registry = database.getCollection("user_modules").find(Filters.eq("status", "active")).into(new ArrayList<>());
        for (String username : missing) {
            try {
                users.insertOne(newPlayer(username, usernameIndexes.get(username), hashes.get(username), registry));
                LOG.info("Created computer player {}", username);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                LOG.info("Computer player {} was created concurrently; kept", username);
            }
        }
    }

    /** Nothing to undo: players that were created stay (they are valid users), the next run adds the rest. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0003_CreateComputerPlayers failed; created players are kept, the next run completes it");
    }

    private Document newPlayer(String username, String usernameIndex, String passwordHash, List<Document> registry) {
        ObjectId id = new ObjectId();
        String idHex = id.toHexString();
        String email = username + "@cp.com";
        Date now = new Date();
        return new Document("_id", id)
                .append("email", cipher.encrypt(email, new FieldContext("users", idHex, "email")))
                .append("email_bidx", blindIndex.of("email", email))
                .append("username", username)
                .append("username_bidx", usernameIndex)
                .append("password_hash", passwordHash)
                .append("status", "active")
                .append("is_comp_player", true)
                .append("roles", List.of("player"))
                .append("phone", null)
                .append("address", null)
                .append("created_at", now)
                .append("updated_at", now)
                .append("version", 1L)
                .append("credentials_version", 0)
                .append("modules", modules(idHex, registry));
    }

    /** Every active module with its registry defaults, then the computer players' coins and the encrypted balance. */
    private Document modules(String idHex, List<Document> registry) {
        Document modules = new Document();
        for (Document module : registry) {
            Document defaults = module.get("default_document", Document.class);
            // A copy for each player: the computer players' coins and balance are set in it below.
            modules.append(module.getString("module_name"), defaults == null ? new Document() : new Document(defaults));
        }
        Document dutchGame = modules.get("dutch_game", Document.class);
        if (dutchGame != null) {
            dutchGame.put("coins", COINS);
        }
        Document wallet = modules.get("wallet", Document.class);
        if (wallet != null) {
            // Sensitive numbers are stored encrypted, as the string "n:<decimal>".
            Object balance = wallet.get("balance") == null ? 0L : wallet.get("balance");
            wallet.put("balance", cipher.encrypt("n:" + balance,
                    new FieldContext("users", idHex, "modules.wallet.balance")));
        }
        return modules;
    }

    /**
     * The configured password's hash, else {@code "!"} ({@code PasswordHasher.NO_PASSWORD}): no password verifies
     * against it, so the players are usable by game servers only. Until 2026-12 this unit stored the Argon2id
     * hash of a random secret nobody knew instead, which no password verifies against either but cost a
     * fresh start about 0.45 s; players created that way keep their hash (docs/dutch-game.md).
     */
    private String passwordHash() {
        String configured = settings.compPlayerPassword();
        if (configured != null && !configured.isBlank()) {
            return hasher.hash(configured);
        }
        return "!";
    }
}
