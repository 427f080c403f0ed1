package io.playerbase.bootstrap.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser (headless chromium) against the whole service on the embedded store:
 * staff sign in, find a player, move money and see it in the ledger, suspend and reinstate, and see the
 * problem the API answers when it refuses. Each test also checks that the page logged no script error
 * and no Content-Security-Policy violation. Screenshots land in target/console-screenshots
 * (docs/console.md shows them).
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final String PASSWORD = "console password 2026";
    /**
     * Run in the page: the next grant reaches the service, which records it, and its answer is then lost
     * (fetch fails as on a dropped connection); every grant's Idempotency-Key lands in window.sentGrantKeys.
     */
    private static final String LOSE_THE_NEXT_GRANT_ANSWER = """
            const send = window.fetch;
            let lose = true;
            window.sentGrantKeys = [];
            window.fetch = async (url, init) => {
              const response = await send(url, init);
              if (String(url).endsWith('/subscription/grants')) {
                window.sentGrantKeys.push(init.headers['Idempotency-Key']);
                if (lose) {
                  lose = false;
                  throw new TypeError('Failed to fetch');
                }
              }
              return response;
            };
            """;
    /**
     * Run in the page: the next referral reversal reaches the service, which does it, and its answer is
     * then lost (fetch fails as on a dropped connection); every reversal's Idempotency-Key lands in
     * window.sentReversalKeys.
     */
    private static final String LOSE_THE_NEXT_REVERSAL_ANSWER = """
            const send = window.fetch;
            let lose = true;
            window.sentReversalKeys = [];
            window.fetch = async (url, init) => {
              const response = await send(url, init);
              if (String(url).startsWith('/api/v1/admin/referrals/') && String(url).endsWith('/reversals')) {
                window.sentReversalKeys.push(init.headers['Idempotency-Key']);
                if (lose) {
                  lose = false;
                  throw new TypeError('Failed to fetch');
                }
              }
              return response;
            };
            """;
    /** Stored as the player's address: it must show as text, never run. */
    private static final String HOSTILE_ADDRESS = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> 1 Main St";

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;

    private String admin;
    private String support;
    private String playerName;
    private String playerEmail;
    private String playerId;
    private String productId;
    private String subscriberId;
    private String premiumProductId;
    private String referrerName;
    private String referrerId;
    private String refereeName;
    private String refereeId;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void accounts() {
        String reason = ConsoleBrowser.unavailable();
        if (reason != null) {
            System.out.println("ConsoleBrowserTest skipped: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        admin = "boss" + suffix;
        support = "sue" + suffix;
        CreateAdminUseCase createAdmin = context.getBean(CreateAdminUseCase.class);
        UserId adminId = new UserId(createAdmin.create(new CreateAdminUseCase.Command(admin + "@example.com", admin, PASSWORD, "console-test")).id());
        UserId supportId = new UserId(createAdmin.create(new CreateAdminUseCase.Command(support + "@example.com", support, PASSWORD, "console-test")).id());
        context.getBean(ChangeRolesUseCase.class).change(new ChangeRolesUseCase.Command(supportId, List.of("support"),
                Actor.staff(adminId, Actor.ActorRole.ADMIN, "console-test")));
        playerName = "pat" + suffix;
        playerEmail = "Pat." + suffix + "@Example.com";
        playerId = context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(playerEmail, playerName,
                PASSWORD, "console-test")).id();
        // Some money moved, so that the dashboard's wallet chart has something to show.
        String token = logIn(admin);
        for (Map.Entry<String, Integer> movement : List.of(Map.entry("credits", 1200), Map.entry("debits", 300))) {
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + playerId + "/wallet/" + movement.getKey(),
                    Map.of("amount", movement.getValue(), "reason", "setup")).bearerAuth(token).header("Idempotency-Key", "setup-" + movement.getKey()));
        }
        String playerToken = logIn(playerName);
        http.toBlocking().exchange(HttpRequest.PATCH("/api/v1/users/me", Map.of("address", HOSTILE_ADDRESS)).bearerAuth(playerToken));
        // A product and a purchase of it through the test store, for the purchases section and chart.
        productId = "coins_" + suffix;
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "500 coins",
                "kind", "credits_pack", "credits", 500, "skus", Map.of("test", productId))).bearerAuth(token));
        String receipt = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/store/test-receipts",
                Map.of("product_id", productId)).bearerAuth(token), Argument.mapOf(String.class, Object.class)).get("receipt");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", receipt))
                .bearerAuth(playerToken).header("Idempotency-Key", "setup-purchase"));
        // Another player subscribed through the test store, for a store subscription with its history and period.
        premiumProductId = "premium_" + suffix;
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", premiumProductId,
                "title", "Premium", "kind", "subscription", "entitlement", "premium", "period", "P1M", "credits", 100,
                "skus", Map.of("test", premiumProductId))).bearerAuth(token));
        String subscriber = "sam" + suffix;
        subscriberId = context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                "Sam." + suffix + "@example.com", subscriber, PASSWORD, "console-test")).id();
        String subscription = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/store/test-receipts",
                Map.of("product_id", premiumProductId)).bearerAuth(token), Argument.mapOf(String.class, Object.class)).get("receipt");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", subscription))
                .bearerAuth(logIn(subscriber)).header("Idempotency-Key", "setup-subscription"));
        // A rewarded referral: the referee registers with the referrer's code, and a first Dutch match,
        // reported with a game server's API key, qualifies it and pays both sides (500 and 200).
        referrerName = "ria" + suffix;
        referrerId = context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                "Ria." + suffix + "@example.com", referrerName, PASSWORD, "console-test")).id();
        String code = (String) http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/referrals").bearerAuth(logIn(referrerName)),
                Argument.mapOf(String.class, Object.class)).get("referral_code");
        refereeName = "rex" + suffix;
        refereeId = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register", Map.of("email",
                "Rex." + suffix + "@example.com", "username", refereeName, "password", PASSWORD, "referral_code", code)),
                Argument.mapOf(String.class, Object.class)).get("id");
        String gameServer = context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command("console-test-" + suffix,
                List.of("matches:write"), Actor.system("console-test"))).token();
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/games/dutch/matches", Map.of("match_id", "m-" + suffix,
                "started_at", "2026-05-01T10:00:00Z", "ended_at", "2026-05-01T10:20:00Z", "players", List.of(
                        Map.of("user_id", refereeId, "result", "win", "points", 10, "coins_delta", 0),
                        Map.of("user_id", referrerId, "result", "loss", "points", 0, "coins_delta", 0))))
                .header("Authorization", "ApiKey " + gameServer));
    }

    private String logIn(String login) {
        return (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", login, "password", PASSWORD)), Argument.mapOf(String.class, Object.class)).get("access_token");
    }

    @BeforeEach
    void browser(@TempDir Path profile) {
        driver = ConsoleBrowser.start(profile);
        // Sections redraw while a wait looks at them: a row read just before it was replaced is looked up again.
        wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            List<String> messages = ConsoleBrowser.consoleMessages(driver);
            driver.quit();
            driver = null;
            assertTrue(messages.stream().noneMatch(message -> message.contains("Content Security Policy")
                    || message.contains("Uncaught") || message.contains("SyntaxError")), () -> "browser console: " + messages);
        }
    }

    @AfterAll
    void done() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void supportSignsInSeesTheDashboardFindsAPlayerAndCannotChangeAnything() {
        ListAppender<ILoggingEvent> log = captureLogs();
        signIn(support);
        assertTrue(text(By.id("whoami")).contains("read-only"));
        waitFor(By.cssSelector("#chart-registrations[data-ready='true']"));
        waitFor(By.cssSelector("#chart-matches[data-ready='true']"));
        waitFor(By.cssSelector("#chart-purchases[data-ready='true']"));
        assertTrue(text(By.id("chart-purchases-card")).contains("2 purchases"), text(By.id("chart-purchases-card")));
        waitFor(By.cssSelector("#leaderboard-card table"));
        assertFalse(driver.findElement(By.cssSelector("[data-nav='api-keys']")).isDisplayed(), "API keys are for admins");
        ConsoleBrowser.screenshot(driver, "console-dashboard");

        findPlayerByEmail(playerEmail.toUpperCase());
        ConsoleBrowser.screenshot(driver, "console-players");
        openPlayer();
        waitFor(By.cssSelector("#section-wallet #wallet-balance"));
        waitFor(By.cssSelector("#section-audit table"));
        waitFor(By.cssSelector("#section-dutch dl"));
        assertTrue(waitFor(By.cssSelector("#section-purchases table")).getText().contains(productId));
        assertTrue(driver.findElements(By.id("money-form")).isEmpty(), "support gets no money form");
        assertTrue(driver.findElements(By.id("suspend")).isEmpty(), "support gets no suspend button");
        assertTrue(driver.findElements(By.cssSelector("#section-purchases button.refund")).isEmpty(), "support gets no refund button");
        waitFor(By.cssSelector("#section-subscription #subscription-premium"));
        assertTrue(driver.findElements(By.id("premium-grant-form")).isEmpty() && driver.findElements(By.id("premium-revoke")).isEmpty(),
                "support gets no premium buttons");
        WebElement account = waitFor(By.cssSelector("#section-account dl"));
        assertTrue(account.getText().contains(HOSTILE_ADDRESS), "the address is shown as text: " + account.getText());
        assertTrue(account.findElements(By.tagName("img")).isEmpty() && account.findElements(By.tagName("script")).isEmpty(),
                "and never parsed as markup");
        assertNull(driver.executeScript("return window.pwned"));

        click(By.id("reconcile"));
        assertTrue(waitFor(By.cssSelector("#reconcile-output .ok")).getText().contains("Consistent"));
        assertTrue(driver.manage().getCookies().isEmpty(), "the console sets no cookie");
        assertFalse(driver.getCurrentUrl().toLowerCase().contains(playerEmail.toLowerCase()), "no email in the URL");

        supportReadsAStoreSubscription();

        click(By.cssSelector("[data-nav='products']"));
        assertTrue(waitFor(By.cssSelector("#products table")).getText().contains(productId));
        assertTrue(driver.findElements(By.id("product-form")).isEmpty() && driver.findElements(By.cssSelector("[data-sale]")).isEmpty(),
                "support reads the catalog only");
        stopCapturing(log);
        for (ILoggingEvent event : log.list) {
            String line = (event.getFormattedMessage() + " " + event.getMDCPropertyMap()).toLowerCase(Locale.ROOT);
            assertFalse(line.contains(playerEmail.toLowerCase(Locale.ROOT)) || line.contains("1 main st"),
                    () -> "a log line holds the player's personal data: " + line);
        }
    }

    /** The subscriber's page (by id in the route, as a link from elsewhere would open it): the store's subscription, read only. */
    private void supportReadsAStoreSubscription() {
        driver.get(server.getURL() + "/console/#/players/" + subscriberId);
        wait.until(ExpectedConditions.textToBe(By.id("subscription-premium"), "yes (store)"));
        assertEquals(premiumProductId, text(By.id("subscription-plan")));
        assertEquals("active", text(By.id("subscription-status")));
        WebElement store = waitFor(By.cssSelector("#subscription-stores .store-subscription"));
        assertTrue(store.getText().contains("test · " + premiumProductId), store.getText());
        WebElement history = store.findElement(By.cssSelector(".paged.history tbody tr"));
        assertTrue(history.getText().contains("claim") && history.getText().contains("none → active"), history.getText());
        WebElement period = store.findElement(By.cssSelector(".paged.periods tbody tr"));
        assertTrue(period.getText().contains("100") && period.getText().contains("credited"), period.getText());
        assertTrue(driver.findElements(By.id("premium-grant-form")).isEmpty() && driver.findElements(By.id("premium-revoke")).isEmpty(),
                "support gets no premium buttons");
        ConsoleBrowser.screenshot(driver, driver.findElement(By.id("section-subscription")), "console-subscription-store");
    }

    /**
     * The grant's first answer is lost on the way back (the service recorded it; the page sees a network
     * error): confirming the same grant again sends the same Idempotency-Key, so the service replays it
     * and the player gets one grant, not two.
     */
    @Test
    void anAdminGrantsAndRevokesPremiumAndARefusedGrantShowsItsProblem() {
        signIn(admin);
        findPlayerByEmail(playerEmail);
        openPlayer();
        wait.until(ExpectedConditions.textToBe(By.id("subscription-premium"), "no"));
        String token = logIn(admin);

        grantPremium("goodwill", "2020-01-01T00:00:00Z");
        WebElement problem = waitFor(By.cssSelector("#subscription-output .problem"));
        assertTrue(problem.getText().contains("400") && problem.getText().contains("urn:playerbase:problem:invalid-value")
                && problem.getText().contains("expires_at: must be in the future"), problem.getText());
        assertTrue(grants(token).isEmpty(), "a refused grant writes nothing");
        assertTrue(driver.findElements(By.id("premium-revoke")).isEmpty(), "nothing to revoke");
        ConsoleBrowser.screenshot(driver, driver.findElement(By.id("section-subscription")), "console-subscription-refused");

        driver.executeScript(LOSE_THE_NEXT_GRANT_ANSWER);
        String until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS).toString();
        String key = grantPremium("goodwill", until);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscription-output"), "Network error"));
        assertEquals(1, grants(token).size(), "the service recorded the grant whose answer was lost");
        assertEquals(key, grantPremium("goodwill", until), "the retry shows the same key");
        wait.until(ExpectedConditions.textToBe(By.id("subscription-premium"), "yes (grant)"));
        assertEquals(List.of(key, key), driver.executeScript("return window.sentGrantKeys"), "and sends it");
        assertEquals(1, grants(token).size(), "replayed, not granted twice");
        assertEquals(until.replace("T", " "), text(By.id("subscription-granted-until")));
        assertEquals(1, driver.findElements(By.cssSelector("#subscription-grants tbody tr")).size());
        WebElement grant = waitFor(By.cssSelector("#subscription-grants tbody tr"));
        assertTrue(grant.getText().contains("goodwill") && grant.getText().contains("active"), grant.getText());
        wait.until(driver -> driver.findElement(By.id("section-audit")).getText().contains("subscription.premium_granted"));
        ConsoleBrowser.screenshot(driver, driver.findElement(By.id("section-subscription")), "console-subscription-granted");

        click(By.id("premium-revoke"));
        confirm();
        wait.until(ExpectedConditions.textToBe(By.id("subscription-premium"), "no"));
        WebElement revoked = waitFor(By.cssSelector("#subscription-grants tbody tr"));
        assertTrue(revoked.getText().contains("revoked") && revoked.getText().contains("mistake"), revoked.getText());
        assertTrue(driver.findElements(By.id("premium-revoke")).isEmpty(), "no active grant left to revoke");
        List<Map<String, Object>> after = grants(token);
        assertEquals(1, after.size());
        assertEquals(false, after.get(0).get("active"));
        assertEquals("mistake", after.get(0).get("revoke_reason"));
    }

    /** Fills the grant form, submits it, and returns the Idempotency-Key the confirmation shows (left open). */
    private String grantKeyShown(String reason, String until) {
        type(By.id("premium-reason"), reason);
        type(By.id("premium-expires"), until);
        click(By.id("premium-grant"));
        String hint = text(By.cssSelector("#confirm-body .hint"));
        assertTrue(hint.startsWith("Idempotency-Key console-"), hint);
        return hint.substring("Idempotency-Key ".length());
    }

    /** The player's manual grants as the API reads them now. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> grants(String token) {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + playerId + "/subscription")
                .bearerAuth(token), Argument.mapOf(String.class, Object.class)).get("grants");
    }

    /** Grants premium through the form and returns the Idempotency-Key it was sent with. */
    private String grantPremium(String reason, String until) {
        String key = grantKeyShown(reason, until);
        confirm();
        return key;
    }

    /** The referrer's page as support reads it: the link, both rewards, no button; the link leads to the referee's page. */
    @Test
    void supportSeesTheReferralLinksWithoutAnyButton() {
        signIn(support);
        driver.get(server.getURL() + "/console/#/players/" + referrerId);
        WebElement link = referralRow();
        assertTrue(link.getText().contains("match") && link.getText().contains("500") && link.getText().contains("200"), link.getText());
        assertEquals("1", text(By.id("referral-count")));
        assertTrue(driver.findElements(By.cssSelector("#section-referrals button.reverse-reward")).isEmpty()
                && driver.findElements(By.id("referral-code-disable")).isEmpty(), "support gets no referral buttons");

        link.findElement(By.cssSelector("a.referral-player")).click();
        wait.until(ExpectedConditions.urlContains("#/players/" + refereeId));
        assertEquals(referrerName, text(By.cssSelector("#section-referrals dl a.referral-player")));
        WebElement referredBy = waitFor(By.cssSelector("#referrals-referred-by tbody tr"));
        assertTrue(referredBy.getText().contains(referrerName) && referredBy.getText().contains("match"), referredBy.getText());
        assertTrue(driver.findElements(By.cssSelector("#section-referrals button")).stream().noneMatch(WebElement::isDisplayed),
                "support gets no referral buttons on the referee's page either");
    }

    /**
     * The first reversal's answer is lost on the way back (the service did it; the page sees a network
     * error): confirming it again sends the same Idempotency-Key, the service replays it, and the ledger
     * holds one reversal. Then the code is disabled, and a reversal of a spent reward is refused.
     */
    @Test
    void anAdminReversesAReferralRewardOnceDisablesTheCodeAndARefusedReversalShowsItsProblem() {
        signIn(admin);
        String token = logIn(admin);
        driver.get(server.getURL() + "/console/#/players/" + referrerId);
        WebElement paid = referralRow().findElement(By.cssSelector(".reward[data-side='referrer']"));
        assertTrue(paid.getText().contains("500") && paid.getText().contains("paid"), paid.getText());

        driver.executeScript(LOSE_THE_NEXT_REVERSAL_ANSWER);
        String key = reverseReward("referrer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("referrals-output"), "Network error"));
        assertEquals("reversed", rewardState(token, "referrer"), "the service reversed the reward whose answer was lost");
        assertEquals(key, reverseReward("referrer"), "the retry shows the same key");
        wait.until(driver -> referralRow().findElement(By.cssSelector(".reward[data-side='referrer']")).getText().contains("reversed"));
        assertEquals(List.of(key, key), driver.executeScript("return window.sentReversalKeys"), "and sends it");
        assertEquals(1, referralReversals(token), "replayed, not reversed twice");
        assertEquals(0L, ((Number) referrals(token).get("rewards_earned")).longValue());
        assertTrue(referralRow().findElements(By.cssSelector(".reward[data-side='referrer'] button")).isEmpty(), "reversed once, no second button");

        click(By.id("referral-code-disable"));
        confirm();
        assertEquals("disabled", text(By.id("referral-code-disabled")));
        assertTrue(driver.findElements(By.id("referral-code-disable")).isEmpty(), "disabled for good: no button");
        assertEquals(true, referrals(token).get("referral_code_disabled"));

        // The referee spends the reward: taking it back is refused and changes nothing.
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + refereeId + "/wallet/debits",
                Map.of("amount", 200, "reason", "spent")).bearerAuth(token).header("Idempotency-Key", "spend-" + UUID.randomUUID()));
        reverseReward("referee");
        WebElement problem = waitFor(By.cssSelector("#referrals-output .problem"));
        assertTrue(problem.getText().contains("422") && problem.getText().contains("urn:playerbase:problem:insufficient-funds"),
                problem.getText());
        assertEquals("paid", rewardState(token, "referee"));
        ConsoleBrowser.screenshot(driver, driver.findElement(By.id("section-referrals")), "console-referrals");
    }

    /** The referee's row in the referrer's referrals section, once drawn. */
    private WebElement referralRow() {
        return wait.until(driver -> driver.findElements(By.cssSelector("#referrals-links tbody tr")).stream()
                .filter(row -> row.getText().contains(refereeName)).findFirst().orElse(null));
    }

    /** Clicks "Reverse" on one side of the referee's referral and confirms; returns the Idempotency-Key the dialog showed. */
    private String reverseReward(String side) {
        click(By.cssSelector("#referrals-links button.reverse-reward[data-side='" + side + "']"));
        String hint = text(By.cssSelector("#confirm-body .hint"));
        assertTrue(hint.startsWith("Idempotency-Key console-"), hint);
        confirm();
        return hint.substring("Idempotency-Key ".length());
    }

    /** The referrer's referrals as the API reads them now. */
    private Map<String, Object> referrals(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + referrerId + "/referrals").bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private String rewardState(String token, String side) {
        Map<String, Object> link = ((List<Map<String, Object>>) referrals(token).get("referred")).get(0);
        return (String) ((Map<String, Object>) link.get(side + "_reward")).get("state");
    }

    /** The referrer's ledger entries that reverse a referral reward. */
    @SuppressWarnings("unchecked")
    private long referralReversals(String token) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/"
                + referrerId + "/wallet/transactions?limit=100").bearerAuth(token), Argument.mapOf(String.class, Object.class)).get("items");
        return items.stream().filter(item -> "reversal".equals(item.get("kind")) && "referral".equals(item.get("source"))).count();
    }

    @Test
    void anAdminRefundsAPurchaseOnThePlayersPage() {
        signIn(admin);
        findPlayerByEmail(playerEmail);
        openPlayer();
        WebElement row = wait.until(driver -> driver.findElements(By.cssSelector("#section-purchases tbody tr")).stream()
                .filter(line -> line.getText().contains(productId)).findFirst().orElse(null));
        assertTrue(row.getText().contains("granted"), row.getText());
        row.findElement(By.cssSelector("button.refund")).click();
        confirm();
        wait.until(driver -> driver.findElements(By.cssSelector("#section-purchases tbody tr")).stream()
                .anyMatch(line -> line.getText().contains(productId) && line.getText().contains("refunded")
                        && line.getText().contains("customer_request")));
        assertTrue(driver.findElements(By.cssSelector("#section-purchases button.refund")).isEmpty(), "refunded once, no second button");
        ConsoleBrowser.screenshot(driver, "console-player-purchases");
    }

    @Test
    void anAdminAddsEditsAndTakesAProductOffSaleAndARefusalShowsItsProblem() {
        signIn(admin);
        click(By.cssSelector("[data-nav='products']"));
        String id = "gems_" + UUID.randomUUID().toString().substring(0, 6);
        String hostile = "<b>Gems</b><img src=x onerror=\"window.pwned=3\">";
        fillProduct(id, hostile, "40", id);
        click(By.id("product-save"));
        confirm();
        WebElement row = productRow(id, hostile);
        assertTrue(row.findElements(By.tagName("img")).isEmpty() && row.findElements(By.tagName("b")).isEmpty(), "the title is text");
        assertNull(driver.executeScript("return window.pwned"));

        row.findElement(By.cssSelector("button[data-edit]")).click();
        type(By.id("product-title"), "40 gems");
        click(By.id("product-save"));
        confirm();
        productRow(id, "40 gems");

        productRow(id, "40 gems").findElement(By.cssSelector("button[data-sale]")).click();
        confirm();
        wait.until(driver -> driver.findElements(By.cssSelector("#products tbody tr")).stream().anyMatch(line ->
                line.getText().contains(id) && line.findElement(By.cssSelector(".badge")).getText().equals("off sale")));

        fillProduct(id, "again", "40", id + "_other");
        click(By.id("product-save"));
        confirm();
        WebElement problem = waitFor(By.cssSelector("#product-output .problem"));
        assertTrue(problem.getText().contains("409") && problem.getText().contains("urn:playerbase:problem:product-exists"),
                problem.getText());
        ConsoleBrowser.screenshot(driver, "console-products");
    }

    @Test
    void anAdminCreditsAWalletAndSeesTheLedgerLineWithItsDescriptionShownAsText() {
        signIn(admin);
        findPlayerByEmail(playerEmail);
        openPlayer();
        long before = Long.parseLong(waitFor(By.id("wallet-balance")).getText().replaceAll("[^0-9]", ""));
        String hostile = "<img src=x onerror=\"window.pwned=1\">";
        moveMoney("credits", "250", "goodwill", hostile);
        WebElement line = wait.until(driver -> driver.findElements(By.cssSelector("#ledger tbody tr")).stream()
                .filter(row -> row.getText().contains("goodwill") && row.getText().contains("250")).findFirst().orElse(null));
        assertTrue(line.getText().contains(hostile), "the description is shown as text");
        assertTrue(line.findElements(By.tagName("img")).isEmpty(), "and never parsed as markup");
        assertNull(driver.executeScript("return window.pwned"));
        wait.until(ExpectedConditions.textToBe(By.id("wallet-balance"), String.format(Locale.US, "%,d CREDITS", before + 250)));
        ConsoleBrowser.screenshot(driver, "console-player-admin");
    }

    @Test
    void aRefusedDebitShowsTheProblemDetailAndMovesNothing() {
        signIn(admin);
        findPlayerByEmail(playerEmail);
        openPlayer();
        String before = waitFor(By.id("wallet-balance")).getText();
        moveMoney("debits", "999999999", "correction", "");
        WebElement problem = waitFor(By.cssSelector("#money-output .problem"));
        assertTrue(problem.getText().contains("urn:playerbase:problem:insufficient-funds"), problem.getText());
        assertTrue(problem.getText().contains("422"), problem.getText());
        ConsoleBrowser.screenshot(driver, "console-refused-debit");
        driver.navigate().refresh();
        assertEquals(before, waitFor(By.id("wallet-balance")).getText());
    }

    @Test
    void anAdminSuspendsAndReinstatesAPlayer() {
        signIn(admin);
        findPlayerByEmail(playerEmail);
        openPlayer();
        click(By.id("suspend"));
        confirm();
        wait.until(ExpectedConditions.textToBe(By.id("player-status"), "suspended"));
        click(By.id("reinstate"));
        confirm();
        wait.until(ExpectedConditions.textToBe(By.id("player-status"), "active"));
    }

    @Test
    void anAdminCreatesAnApiKeySeesItsSecretOnceAndRevokesIt() {
        signIn(admin);
        click(By.cssSelector("[data-nav='api-keys']"));
        type(By.id("api-key-name"), "table-server-1");
        driver.findElement(By.cssSelector("#api-key-form input[value='matches:write']")).click();
        click(By.id("api-key-create"));
        confirm();
        String secret = waitFor(By.cssSelector("#api-key-secret code")).getText();
        assertTrue(secret.matches("pbk_[0-9a-f]{24}\\..+"), secret);
        WebElement row = wait.until(driver -> driver.findElements(By.cssSelector("#api-keys tbody tr")).stream()
                .filter(line -> line.getText().contains("table-server-1")).findFirst().orElse(null));
        assertFalse(row.getText().contains(secret), "the list never shows the secret");
        row.findElement(By.cssSelector("button[data-key]")).click();
        confirm();
        wait.until(driver -> driver.findElements(By.cssSelector("#api-keys tbody tr")).stream()
                .anyMatch(line -> line.getText().contains("table-server-1") && line.getText().contains("revoked")));
        assertTrue(driver.findElements(By.id("api-key-secret")).isEmpty(), "the secret is gone once the page moves on");
        ConsoleBrowser.screenshot(driver, "console-api-keys");
    }

    @Test
    void aPlayerAccountIsRefused() {
        signIn(playerName);
        WebElement problem = waitFor(By.cssSelector("#sign-in-output .problem"));
        assertTrue(problem.getText().contains("Not a staff account"), problem.getText());
        assertNull(driver.executeScript("return sessionStorage.getItem('playerbase.console.session')"), "no session kept");
        ConsoleBrowser.screenshot(driver, "console-player-refused");
    }

    @Test
    void aWrongPasswordShowsTheApiProblem() {
        driver.get(server.getURL() + "/console/");
        type(By.id("sign-in-login"), admin);
        type(By.id("sign-in-password"), "not the password");
        click(By.id("sign-in-submit"));
        assertTrue(waitFor(By.cssSelector("#sign-in-output .problem")).getText()
                .contains("urn:playerbase:problem:authentication-failed"));
    }

    private void fillProduct(String id, String title, String credits, String testSku) {
        type(By.id("product-id"), id);
        type(By.id("product-title"), title);
        type(By.id("product-credits"), credits);
        type(By.id("product-sku-test"), testSku);
    }

    private WebElement productRow(String id, String text) {
        return wait.until(driver -> driver.findElements(By.cssSelector("#products tbody tr")).stream()
                .filter(line -> line.getText().contains(id) && line.getText().contains(text)).findFirst().orElse(null));
    }

    /** Everything the service logs at its production level from now on. */
    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        appender.stop();
    }

    private void signIn(String login) {
        driver.get(server.getURL() + "/console/");
        type(By.id("sign-in-login"), login);
        type(By.id("sign-in-password"), PASSWORD);
        click(By.id("sign-in-submit"));
        if (!login.equals(playerName)) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), login));
        }
    }

    private void findPlayerByEmail(String email) {
        click(By.cssSelector("[data-nav='players']"));
        type(By.id("search-email"), email);
        click(By.id("search-submit"));
        wait.until(driver -> {
            List<WebElement> links = driver.findElements(By.cssSelector("#search-results .player-link"));
            return links.size() == 1 && links.get(0).getText().equals(playerName);
        });
    }

    private void openPlayer() {
        click(By.cssSelector("#search-results .player-link"));
        wait.until(ExpectedConditions.urlContains("#/players/" + playerId));
        waitFor(By.cssSelector("#section-account dl"));
    }

    private void moveMoney(String kind, String amount, String reason, String description) {
        waitFor(By.id("money-form"));
        driver.findElement(By.cssSelector("#money-kind option[value='" + kind + "']")).click();
        type(By.id("money-amount"), amount);
        type(By.id("money-reason"), reason);
        type(By.id("money-description"), description);
        click(By.id("money-submit"));
        confirm();
    }

    private void confirm() {
        click(By.id("confirm-ok"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
    }

    private WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private String text(By locator) {
        return waitFor(locator).getText();
    }

    private void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private void type(By locator, String value) {
        WebElement input = waitFor(locator);
        input.clear();
        if (!value.isEmpty()) {
            input.sendKeys(value);
        }
    }
}
