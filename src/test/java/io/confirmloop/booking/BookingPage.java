package io.confirmloop.booking;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The booking page as a client meets it: the business, the days with their time buttons, the form and the answer. */
final class BookingPage {

    private final WebDriver browser;
    private final WebDriverWait wait;

    BookingPage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Opens the owner's link and waits until the page has said what it offers. */
    BookingPage open(String url) {
        browser.get(url);
        wait.until(d -> !d.findElement(By.id("intro")).getText().startsWith("Loading"));
        return this;
    }

    BookingPage waitForTimes() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("times")));
        return this;
    }

    String heading() {
        return browser.findElement(By.id("business")).getText();
    }

    String intro() {
        return browser.findElement(By.id("intro")).getText();
    }

    String zone() {
        return browser.findElement(By.id("zone")).getText();
    }

    /** The day headings shown, e.g. "Tuesday 8 December". */
    List<String> days() {
        return browser.findElements(By.cssSelector("#days h3")).stream().map(WebElement::getText).toList();
    }

    /** The times offered on {@code day}, e.g. "10:00". */
    List<String> times(String day) {
        return browser.findElements(slotsOf(day)).stream().map(WebElement::getText).toList();
    }

    List<WebElement> allSlots() {
        return browser.findElements(By.cssSelector("#days button.slot"));
    }

    WebElement slot(String day, String time) {
        return browser.findElement(slotAt(day, time));
    }

    /** First tap: the time; the form comes up. */
    BookingPage choose(String day, String time) {
        slot(day, time).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("book-form")));
        return this;
    }

    String chosen() {
        return browser.findElement(By.id("chosen")).getText();
    }

    BookingPage fill(String name, String phone, String email) {
        type("name", name);
        type("phone", phone);
        type("email", email);
        return this;
    }

    /** Second tap: Book; returns once the page has answered. */
    BookingPage book() {
        browser.findElement(By.id("book")).click();
        return answered();
    }

    /** Enter in a field of the form: the browser submits it, as a keyboard user does. */
    BookingPage pressEnterIn(String id) {
        browser.findElement(By.id(id)).sendKeys(Keys.ENTER);
        return answered();
    }

    BookingPage answered() {
        wait.until(d -> !d.findElement(By.id("result")).getText().isBlank() && d.findElement(By.id("book")).isEnabled());
        return this;
    }

    String result() {
        return browser.findElement(By.id("result")).getText();
    }

    boolean refused() {
        return browser.findElement(By.id("result")).getAttribute("class").contains("result-refused");
    }

    boolean formShown() {
        return browser.findElement(By.id("book-form")).isDisplayed();
    }

    /** "Book another time": the times are read again. */
    BookingPage again() {
        browser.findElement(By.id("again")).click();
        return waitForTimes();
    }

    /** Waits until {@code time} on {@code day} is no longer offered. */
    void waitUntilGone(String day, String time) {
        wait.until(ExpectedConditions.numberOfElementsToBe(slotAt(day, time), 0));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (text != null) {
            field.sendKeys(text);
        }
    }

    private static By slotsOf(String day) {
        return By.xpath("//section[h3[normalize-space()='" + day + "']]//button[contains(@class,'slot')]");
    }

    private static By slotAt(String day, String time) {
        return By.xpath("//section[h3[normalize-space()='" + day + "']]//button[contains(@class,'slot') and normalize-space()='" + time + "']");
    }
}
