package io.confirmloop.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through the system's chromedriver (Debian: {@code chromium chromium-driver},
 * which .ci/run installs), for the tests that drive the pages as an owner does.
 */
public final class Browser {

    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Browser() {
    }

    public static WebDriver start() {
        return start(options("--window-size=1280,1000"));
    }

    /** A browser signed in to the app on {@code port} as {@code user}, through its sign-in page. */
    public static WebDriver signedIn(int port, String user, String password) {
        WebDriver driver = start();
        signIn(driver, "http://localhost:" + port + "/login", user, password);
        return driver;
    }

    /** Opens {@code url} (a page that asks to sign in first, or the sign-in page) and signs in there. */
    public static void signIn(WebDriver driver, String url, String user, String password) {
        driver.get(url);
        visible(driver, "username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** The element with this id, once it is visible (at most 30 s). */
    public static WebElement visible(WebDriver driver, String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** A phone: Chromium's mobile emulation with a {@code width}×{@code height} CSS-pixel screen and touch. */
    public static WebDriver phone(int width, int height) {
        ChromeOptions options = options("--window-size=" + width + "," + height);
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height,
                "pixelRatio", 2.0, "touch", true, "mobile", true)));
        return start(options);
    }

    private static ChromeOptions options(String windowSize) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(first(CHROMIUM, "chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", windowSize);
        return options;
    }

    private static WebDriver start(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(first(DRIVER, "chromedriver")).toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    private static String first(List<String> candidates, String what) {
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow(() -> new IllegalStateException(
                what + " is not installed: apt-get install chromium chromium-driver (.ci/run does this)"));
    }
}
