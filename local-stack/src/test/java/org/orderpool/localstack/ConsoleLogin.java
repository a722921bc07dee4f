package org.orderpool.localstack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.orderpool.dashboard.security.DemoLogins.Login;

/** Logging in to the ops console: through its login page in a browser, or HTTP Basic for a script's call. */
final class ConsoleLogin {

    private ConsoleLogin() {
    }

    /** Opens the console, is sent to the login page, logs in, and lands on the console. */
    static void logIn(final ChromeDriver browser, final String consoleUrl, final Login login) {
        browser.manage().deleteAllCookies();
        browser.get(consoleUrl);
        browser.findElement(By.id("username")).sendKeys(login.name());
        browser.findElement(By.id("password")).sendKeys(login.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    static String basic(final Login login) {
        return "Basic " + Base64.getEncoder().encodeToString((login.name() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    }
}
