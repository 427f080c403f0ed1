package io.playerbase.bootstrap.console;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless chromium driven through chromium-driver (both from apt, see .ci/browser-tests),
 * in a fresh profile each time. {@link #unavailable()} says why the browser tests cannot run here, so
 * they skip with that reason instead of failing where no browser is installed.
 */
final class ConsoleBrowser {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PLAYERBASE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("PLAYERBASE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ConsoleBrowser() {
    }

    /** Null when chromium and its driver are installed, else the reason the browser tests skip. */
    static String unavailable() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "no chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver, or set PLAYERBASE_CHROMIUM)";
        }
        if (!Files.isExecutable(DRIVER)) {
            return "no chromedriver at " + DRIVER + " (apt-get install chromium-driver, or set PLAYERBASE_CHROMEDRIVER)";
        }
        return null;
    }

    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The browser's console messages since the last call (CSP violations and script errors show here). */
    static List<String> consoleMessages(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** The whole page, not only the window: the window grows to the page's height for the shot. */
    static void screenshot(ChromeDriver driver, String name) {
        shoot(driver, driver, name);
    }

    /** One element of the page (a section), whole: the window grows to the page's height for the shot. */
    static void screenshot(ChromeDriver driver, WebElement element, String name) {
        shoot(driver, element, name);
    }

    private static void shoot(ChromeDriver driver, TakesScreenshot subject, String name) {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 120)));
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = subject.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }
}
