package org.apiaudit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiaudit.cli.CliRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in headless Chromium, the way an analyst's browser and "print to PDF"
 * will: the page must load with no console error and no blocked request (the CSP would report
 * one), draw its SVG charts, and produce a non-trivial screenshot. Skipped when Chromium is not
 * installed (Debian/Ubuntu: {@code apt-get install -y chromium}); set {@code CHROMIUM} to use
 * another binary. The screenshot is kept at {@code target/report-screenshot.png} for review.
 */
class ChromiumRenderingTest {
  private static final long TIMEOUT_SECONDS = 90;

  @TempDir Path profile;

  @Test
  void reportRendersInHeadlessChromiumWithChartsAndNoConsoleErrors() throws Exception {
    Path chromium = chromium();
    Assumptions.assumeTrue(chromium != null, "chromium not installed: skipping the browser rendering test"
        + " (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)");
    Path target = Paths.get("target").toAbsolutePath();
    Files.createDirectories(target);
    Path html = target.resolve("report-chromium.html");
    Files.writeString(html, new HtmlReportWriter().render(ReportFixtures.build(ReportFixtures.hostileCase())),
        StandardCharsets.UTF_8);
    Path png = target.resolve("report-screenshot.png");
    Files.deleteIfExists(png);

    Result shot = run(chromium, "--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
    assertEquals(0, shot.exit(), "chromium --screenshot failed:\n" + shot.stderr());
    assertTrue(Files.exists(png), "no screenshot written:\n" + shot.stderr());
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), "not a PNG");
    assertTrue(bytes.length > 10_000, "screenshot is trivial: " + bytes.length + " bytes");

    Result dom = run(chromium, "--dump-dom", html.toUri().toString());
    assertEquals(0, dom.exit(), "chromium --dump-dom failed:\n" + dom.stderr());
    assertTrue(dom.stdout().contains("Direct API scraping and authorised-credential misuse are evidenced"),
        "summary missing from the rendered DOM");
    assertTrue(dom.stdout().contains("<svg"), "no SVG chart in the rendered DOM");
    assertTrue(!dom.stdout().contains("<script>alert(1)</script>") && !dom.stdout().contains("<img src=\"x\""),
        "hostile markup became live DOM");
    for (Result r : List.of(shot, dom)) {
      for (String line : r.stderr().split("\n")) {
        boolean bad = line.contains("Uncaught") || line.contains("Refused to") || line.contains(":CONSOLE(")
            || line.contains("console.error");
        assertTrue(!bad, "browser reported: " + line);
      }
    }
  }

  /**
   * The sample case printed as a CERT would print it: the TLP marking on every page (running
   * header and footer, as TLP 2.0 asks of a marked document) and a report short enough to read:
   * 18 pages today, 59 before incidents replaced the per-actor cards.
   */
  @Test
  void sampleCasePrintsWithTheMarkingOnEveryPage(@TempDir Path dir) throws Exception {
    Path chromium = chromium();
    Path pdftotext = Paths.get("/usr/bin/pdftotext");
    Assumptions.assumeTrue(chromium != null && Files.isExecutable(pdftotext),
        "chromium or pdftotext (poppler-utils) not installed: skipping the printed-report test");
    Path root = Paths.get(System.getProperty("project.root", "..")).toAbsolutePath();
    Path out = dir.resolve("out");
    CliRun investigate = CliRun.of("investigate", root.resolve("sample-logs/incident-2023-06").toString(), "--out",
        out.toString(), "--rules", root.resolve("rules").toString());
    assertEquals(0, investigate.exitCode(), investigate.err());
    Path pdf = dir.resolve("report.pdf");
    Result print = run(chromium, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, out.resolve("report.html").toUri().toString());
    assertEquals(0, print.exit(), "chromium --print-to-pdf failed:\n" + print.stderr());
    Process p = new ProcessBuilder(pdftotext.toString(), pdf.toString(), "-").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    List<String> pages = Arrays.stream(text.split("\f")).filter(t -> !t.isBlank()).toList();
    assertTrue(pages.size() >= 5 && pages.size() <= 20, "printed pages: " + pages.size());
    for (int i = 0; i < pages.size(); i++) {
      assertTrue(pages.get(i).contains("TLP:AMBER+STRICT"), "page " + (i + 1) + " carries no TLP marking");
      assertTrue(pages.get(i).contains("page " + (i + 1) + " of " + pages.size()), "page " + (i + 1) + " unnumbered");
    }
  }

  private record Result(int exit, String stdout, String stderr) {}

  private Result run(Path chromium, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + profile.resolve("profile")));
    cmd.addAll(Arrays.asList(args));
    Path out = Files.createTempFile(profile, "stdout", ".txt");
    Path err = Files.createTempFile(profile, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path chromium() {
    String env = System.getenv("CHROMIUM");
    for (String candidate : new String[] {env, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (candidate != null && Files.isExecutable(Paths.get(candidate))) {
        return Paths.get(candidate);
      }
    }
    return null;
  }
}
