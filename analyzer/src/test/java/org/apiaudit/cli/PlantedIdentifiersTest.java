package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apiaudit.bench.IdentifierLeakScanner;
import org.apiaudit.bench.PlantedLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 item 3: identifiers planted in every field of every input format, in every spelling
 * (bare, glued to letters, {@code +91 91234 99901}, {@code 91234-99901}, {@code 9123 4000 11},
 * an Aadhaar in groups), come out of {@code investigate} nowhere in clear: not on stdout or
 * stderr, not in any file of the output folder, not in the Lucene index (read through Lucene,
 * and byte-wise), and not in the temporary folder while the run works.
 *
 * <p>The run is a separate JVM so that its {@code java.io.tmpdir} is a folder of the test's own
 * (the JDK fixes the temporary folder once per process); the folder is scanned while the run
 * works, since detection deletes its temporary files when it ends.
 */
class PlantedIdentifiersTest {
  @TempDir Path tmp;

  /** A scraper walking reference ids, with identifiers in its user agent and principal: flagged, so they reach the report. */
  private static List<String> scraperLines(PlantedLines planted, String userAgent, String principal) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String ref = planted.referenceId();
      int secs = i * 9;
      lines.add(String.format("194.26.76.210 - - [10/Jun/2023:%02d:%02d:%02d +0530] \"GET /api/v2/registration/certificate/"
          + "public/download?beneficiary_reference_id=%s HTTP/1.1\" %d 48213 \"-\" \"%s\" 0.087 \"-\" 9c1e%06d citizen %s %s",
          11 + secs / 3600, secs / 60 % 60, secs % 60, ref, i % 3 == 0 ? 404 : 200, userAgent, i, principal, ref));
    }
    return lines;
  }

  @Test
  void noPlantedIdentifierInAnyOutputOfInvestigate() throws Exception {
    PlantedLines planted = new PlantedLines(0);
    Path logs = Files.createDirectories(tmp.resolve("case"));
    int lineCount = 0;
    for (PlantedLines.FormatLines f : planted.allFormats()) {
      List<String> lines = new ArrayList<>(f.header());
      lines.addAll(f.lines());
      lineCount += f.lines().size();
      Files.write(logs.resolve(f.format() + (f.format().equals("siem-csv") ? ".csv" : ".log")), lines);
    }
    String mobileInAgent = planted.mobile();
    String agent = "python-requests/2.31 +91 " + mobileInAgent.substring(0, 5) + " " + mobileInAgent.substring(5);
    String mobileAsPrincipal = planted.mobile();
    Files.write(logs.resolve("scraper.log"), scraperLines(planted, agent, mobileAsPrincipal));
    PlantedLinesSpellings spellings = new PlantedLinesSpellings(planted, agent, mobileInAgent);
    IdentifierLeakScanner scanner = new IdentifierLeakScanner(spellings.all());

    Path out = tmp.resolve("out");
    Path runTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.io.tmpdir=" + runTmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "investigate", logs.toString(), "--out", out.toString(), "--rules", rulesDir().toString())
        .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile()).start();
    List<IdentifierLeakScanner.Leak> leaks = new ArrayList<>();
    int looks = 0;
    while (!run.waitFor(50, TimeUnit.MILLISECONDS)) {
      leaks.addAll(scanner.scanTree(runTmp, Set.of()));
      looks++;
    }
    String stdout = Files.readString(tmp.resolve("stdout.txt"));
    String stderr = Files.readString(tmp.resolve("stderr.txt"));
    assertEquals(0, run.exitValue(), stderr + stdout);
    assertTrue(looks > 0, "the temporary folder was never looked at");
    leaks.addAll(scanner.scanTree(runTmp, Set.of()));
    leaks.addAll(scanner.scanText("stdout", stdout));
    leaks.addAll(scanner.scanText("stderr", stderr));
    leaks.addAll(scanner.scanTree(out, Set.of("index.key")));
    leaks.addAll(scanner.scanIndex(out.resolve("index")));

    Set<String> leaked = new TreeSet<>();
    leaks.forEach(l -> leaked.add(l.identifier()));
    System.out.println("planted identifiers: " + leaked.size() + " of " + scanner.identifiers().size() + " leaked, in "
        + lineCount + " planted lines of 5 formats and 400 scraper lines; " + stdout.lines().filter(l -> l.startsWith("Ingested"))
        .findFirst().orElse(""));
    // the planted values did reach the outputs, masked: the test would see them if they were clear
    String findings = Files.readString(out.resolve("findings.json"));
    assertTrue(findings.contains("\"python-requests/2.31 "), "the scraper's user agent is in findings.json");
    String indicators = new String(Files.readAllBytes(out.resolve("indicators.csv")), StandardCharsets.UTF_8);
    assertTrue(indicators.contains("python-requests/2.31 "), "the scraper's agent is an indicator:\n" + indicators);
    assertTrue(stdout.contains(" lines, "), stdout);

    assertEquals(List.of(), leaks.stream().limit(30).map(Object::toString).toList(),
        leaked.size() + " of " + scanner.identifiers().size() + " planted identifiers leaked");
  }

  /** The planted spellings, plus the scraper's agent spelling. */
  private record PlantedLinesSpellings(PlantedLines planted, String agent, String mobileInAgent) {
    java.util.Map<String, String> all() {
      java.util.Map<String, String> m = new java.util.HashMap<>(planted.spellings());
      m.put(agent.substring(agent.indexOf('+')), mobileInAgent);
      return m;
    }
  }

  private static Path rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules");
  }
}
