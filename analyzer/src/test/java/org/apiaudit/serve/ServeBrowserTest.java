package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real browser: Debian's chromium driven through its chromedriver by
 * Selenium (paths given, so Selenium Manager never downloads anything), against {@code serve}
 * on the small case of {@link ServeFixture}. One walk through an investigation, each step
 * asserted on the page; the hostile user agents and principal must stay text in every view.
 * Skipped, with the reason printed, where chromium or chromedriver is not installed (Debian:
 * {@code apt-get install chromium chromium-driver}). A screenshot of each view is kept under
 * {@code target/serve-screenshots/}.
 */
class ServeBrowserTest {
  private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Paths.get(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

  @TempDir static Path tmp;
  static ServeFixture fixture;
  static AuditServer server;
  static WebDriver driver;
  static WebDriverWait wait;
  static String base;
  static Path downloads;

  @BeforeAll
  static void start() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      System.out.println("ServeBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " not installed"
          + " (apt-get install chromium chromium-driver, or set CHROMIUM and CHROMEDRIVER)");
    }
    Assumptions.assumeTrue(present, "chromium or chromedriver not installed: skipping the browser tests");
    fixture = ServeFixture.build(tmp.resolve("case"));
    server = fixture.start();
    base = "http://127.0.0.1:" + server.port();
    downloads = Files.createDirectories(tmp.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")));
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Waits until the hit count shows a number and returns it. */
  private static long hitCount() {
    wait.until(d -> d.findElement(By.id("hit-count")).getText().matches("[0-9,]+"));
    return Long.parseLong(byId("hit-count").getText().replace(",", ""));
  }

  private static void search(String query) {
    WebElement q = byId("q");
    q.clear();
    q.sendKeys(query);
    byId("search-button").click();
  }

  private static String urlParam(String name) {
    String query = driver.getCurrentUrl().replaceFirst("^[^?]*\\??", "");
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** No hostile value ran: no script set its marker, no element it smuggled exists. */
  private static void assertInert(String where) {
    Object pwned = ((JavascriptExecutor) driver).executeScript("return window.pwned === undefined ? null : window.pwned;");
    assertNull(pwned, "a hostile value ran script in " + where);
    assertTrue(driver.findElements(By.cssSelector("img[src='x'], svg[onload], main script")).isEmpty(),
        "a hostile value became markup in " + where);
  }

  private static void screenshot(String name) throws IOException {
    Path dir = Files.createDirectories(Paths.get("target", "serve-screenshots"));
    byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  @Test
  void anInvestigationFromQueryToExport() throws Exception {
    driver.get(base + "/");
    assertEquals(ServeFixture.SLICE_LINES + 4, hitCount());
    wait.until(d -> !d.findElements(By.cssSelector("#histogram rect.bar-rect")).isEmpty());

    // type a query: the hit count, the histogram and the URL follow
    search("ip:" + ServeFixture.HOSTILE_IP);
    wait.until(d -> "4".equals(d.findElement(By.id("hit-count")).getText()));
    assertEquals("ip:" + ServeFixture.HOSTILE_IP, urlParam("q"));
    assertFalse(driver.findElements(By.cssSelector("#histogram rect.bar-rect")).isEmpty(), "no histogram bars");
    List<WebElement> uaCells = driver.findElements(By.cssSelector("#hits tbody td.ua"));
    assertEquals(ServeFixture.SCRIPT_UA, uaCells.get(0).getText());
    assertEquals(ServeFixture.BREAKOUT_UA, uaCells.get(1).getText());
    assertEquals(ServeFixture.FORMULA_UA, uaCells.get(2).getText());
    assertInert("the hit table");
    WebElement ipList = byId("sidebar").findElement(By.cssSelector("ul[data-field='ip']"));
    assertTrue(ipList.getText().contains("4 · 100%"), ipList.getText());
    screenshot("discover-hostile");

    // a bad query is explained under the bar
    search("ipp:1.2.3.4");
    wait.until(d -> d.findElement(By.id("query-error")).isDisplayed());
    assertEquals("unknown field 'ipp' — did you mean ip? (the fields are listed by 'analyzer stats --fields')",
        byId("query-error").getText());
    search("(status:200");
    wait.until(d -> d.findElement(By.id("query-error")).getText().equals("missing ')'"));

    // click a field value to filter in, then out
    search("*:*");
    assertEquals(ServeFixture.SLICE_LINES + 4, hitCount());
    WebElement get = wait.until(d -> d.findElement(By.cssSelector("#sidebar ul[data-field='method'] li[data-value='GET']")));
    long getCount = Long.parseLong(get.findElement(By.className("count")).getText().split(" ")[0].replace(",", ""));
    get.findElement(By.className("filter-in")).click();
    wait.until(d -> urlParam("q") != null && urlParam("q").contains("method:\"GET\""));
    assertEquals(getCount, hitCount());
    driver.navigate().back();
    assertEquals(ServeFixture.SLICE_LINES + 4, hitCount());
    wait.until(d -> d.findElement(By.cssSelector("#sidebar ul[data-field='method'] li[data-value='GET'] .filter-out")))
        .click();
    wait.until(d -> urlParam("q") != null && urlParam("q").contains("NOT method:\"GET\""));
    assertEquals(ServeFixture.SLICE_LINES + 4 - getCount, hitCount());

    // zoom: drag across the histogram; the range lands in the URL and fewer hits remain
    search("*:*");
    long all = hitCount();
    WebElement chart = wait.until(d -> d.findElement(By.id("histogram")));
    int width = chart.getSize().getWidth();
    new Actions(driver).moveToElement(chart, -width / 2 + width / 10, 0).clickAndHold()
        .moveByOffset(width / 5, 0).release().perform();
    wait.until(d -> urlParam("from") != null && urlParam("to") != null);
    assertTrue(urlParam("from").endsWith("+05:30"), "times in the case's zone: " + urlParam("from"));
    long zoomed = hitCount();
    assertTrue(zoomed > 0 && zoomed < all, "zoomed to " + zoomed + " of " + all);
    assertEquals(urlParam("from"), byId("from").getAttribute("value"));

    // the relative picker counts back from the index's own last event, not from today
    new org.openqa.selenium.support.ui.Select(byId("range")).selectByValue("1h");
    wait.until(d -> "2023-06-05T00:45:03+05:30".equals(urlParam("to")));
    assertEquals("2023-06-05T00:00:00+05:30", urlParam("from"), "an hour back, but not before the first event");
    assertEquals(ServeFixture.SLICE_LINES + 4, hitCount());

    // surrounding events of the second hostile hit, then its actor
    search("ip:" + ServeFixture.HOSTILE_IP);
    byId("range").findElement(By.cssSelector("option[value='']")).click();
    wait.until(d -> "4".equals(d.findElement(By.id("hit-count")).getText()));
    driver.findElements(By.cssSelector("#hits tbody a.context-link")).get(1).click();
    wait.until(d -> !d.findElements(By.cssSelector("#context-hits tr.anchor")).isEmpty());
    assertEquals("context", urlParam("view"));
    WebElement anchor = driver.findElement(By.cssSelector("#context-hits tr.anchor"));
    assertEquals(ServeFixture.BREAKOUT_UA, anchor.findElement(By.cssSelector("td.ua")).getText());
    assertEquals(4, driver.findElements(By.cssSelector("#context-hits tbody tr")).size(), "the address's four events");
    assertInert("the context view");
    byId("context-by").findElement(By.cssSelector("a[data-by='all']")).click();
    wait.until(d -> d.findElements(By.cssSelector("#context-hits tbody tr")).size() > 4);
    screenshot("context");

    byId("context-actor").click();
    wait.until(d -> !d.findElements(By.cssSelector("#actor-facts dd[data-fact='requests']")).isEmpty());
    assertEquals("actor", urlParam("view"));
    assertEquals("4", driver.findElement(By.cssSelector("#actor-facts dd[data-fact='requests']")).getText());
    assertEquals("4", driver.findElement(By.cssSelector("#actor-facts dd[data-fact='distinct subjects']")).getText());
    wait.until(d -> d.findElement(By.id("actor-verdict")).getText().contains("scraping"));
    assertTrue(byId("actor-verdict").getText().contains("Partner lookups of many subjects <b>fast</b>"),
        "rule titles are text: " + byId("actor-verdict").getText());
    assertFalse(driver.findElements(By.cssSelector("#actor-timeline rect")).isEmpty(), "no hourly timeline");
    assertTrue(byId("actor-uas").getText().contains(ServeFixture.SCRIPT_UA));
    assertInert("the actor view");
    screenshot("actor");

    // a finding's evidence opens its event in context
    byId("nav-findings").click();
    WebElement evidence = wait.until(d -> d.findElement(By.cssSelector("#incidents a.evidence-link")));
    assertTrue(byId("incidents").getText().contains("Lookups from " + ServeFixture.BREAKOUT_UA));
    assertInert("the findings view");
    screenshot("findings");
    evidence.click();
    wait.until(d -> !d.findElements(By.cssSelector("#context-hits tr.anchor")).isEmpty());
    assertEquals(Long.toString(ServeFixture.hostileLine(0)), urlParam("line"));
    assertEquals(ServeFixture.SCRIPT_UA,
        driver.findElement(By.cssSelector("#context-hits tr.anchor td.ua")).getText());

    // find a person by number: only the pseudonym reaches the URL and the page
    byId("nav-discover").click();
    hitCount();
    byId("person").sendKeys(ServeFixture.KNOWN_MOBILE);
    byId("person-form").submit();
    wait.until(d -> urlParam("q") != null && urlParam("q").startsWith("subject:ps-"));
    // the URL changes before the new search has drawn: wait for its rows, not the last view's count
    String pseudonym = urlParam("q").substring("subject:".length());
    wait.until(d -> d.getPageSource().contains(pseudonym) && !d.findElements(By.cssSelector("#hits tbody tr")).isEmpty());
    assertTrue(hitCount() >= 1);
    assertEquals("", byId("person").getAttribute("value"), "the number stays in the box");
    assertFalse(driver.getPageSource().contains(ServeFixture.KNOWN_MOBILE) || driver.getCurrentUrl().contains(
        ServeFixture.KNOWN_MOBILE), "the number was echoed");
    // typed in clear in the query bar, it is replaced by its pseudonym in the URL
    search("subject:" + ServeFixture.KNOWN_MOBILE);
    wait.until(d -> urlParam("q") != null && urlParam("q").startsWith("subject:ps-"));
    assertFalse(driver.getCurrentUrl().contains(ServeFixture.KNOWN_MOBILE), driver.getCurrentUrl());

    // export the current query's hits as CSV
    driver.get(base + "/?q=" + java.net.URLEncoder.encode("ip:" + ServeFixture.HOSTILE_IP, StandardCharsets.UTF_8));
    wait.until(d -> "4".equals(d.findElement(By.id("hit-count")).getText()));
    byId("export-csv").click();
    Path csv = downloads.resolve("hits.csv");
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.exists(csv) && csvComplete(csv));
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertEquals(5, text.lines().count(), text);
    assertTrue(text.contains("'=HYPERLINK("), "formula not neutralised: " + text);
    assertInert("the discover view after export");
  }

  private static boolean csvComplete(Path csv) {
    try {
      return Files.readString(csv, StandardCharsets.UTF_8).lines().count() == 5;
    } catch (IOException e) {
      return false;
    }
  }
}
