package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code investigate} leaves no clear identifier from its inputs (or the leak sample) in any
 * file under the output folder but the key, nor in what it prints.
 */
class InvestigatePrivacyTest {
  /**
   * Where the inputs carry personal identifiers: identifier query parameters, the subject (the
   * gateway text format's last field, the JSON {@code subject}, the CSV's last column), and the
   * leak sample's lines. (Request ids that happen to be all digits are not personal data.)
   */
  private static final Pattern IDENTIFIER = Pattern.compile(
      "(?:mobile|aadhaar|beneficiary_reference_id)=([0-9]{10,14})|\"subject\":\"([0-9]{10,14})\""
          + "|[ ,]([0-9]{10,14})$|^([0-9]{10,14})$", Pattern.MULTILINE);

  @TempDir Path tmp;

  @Test
  void noClearIdentifierUnderOutputFolderOrInOutput() throws IOException {
    Path logs = tmp.resolve("case");
    CliRun sim = CliRun.of("simulate", "--out", logs.toString(), "--format-by-day", "gateway.gz,json,csv", "--days", "3",
        "--scale", "0.002", "--seed", "5", "--scenario", "vaccinator-misuse:intensity=low", "--labels",
        tmp.resolve("labels.json").toString());
    assertEquals(0, sim.exitCode(), sim.err());
    Set<String> clear = clearIdentifiers(logs);
    assertTrue(clear.size() > 500, "the case should carry many identifiers; found " + clear.size());

    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("investigate", logs.toString(), "--out", out.toString(), "--rules", rulesDir().toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("using the leak sample"), run.err());

    for (String id : clear) {
      assertFalse(run.out().contains(id) || run.err().contains(id), "clear identifier printed: " + id);
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.getFileName().toString().equals("index.key")) {
          continue;
        }
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String id : clear) {
          assertFalse(content.contains(id), "clear identifier " + id + " found in " + f);
        }
      }
    }
  }

  /** Every personal identifier in the case's logs and leak sample. */
  private static Set<String> clearIdentifiers(Path caseDir) throws IOException {
    Set<String> ids = new HashSet<>();
    try (Stream<Path> files = Files.list(caseDir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json") || name.endsWith(".md")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
          bytes = in.readAllBytes();
        }
        Matcher m = IDENTIFIER.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (m.find()) {
          for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
              ids.add(m.group(g));
            }
          }
        }
      }
    }
    return ids;
  }

  private static Path rulesDir() {
    return Path.of(System.getProperty("project.root", "..")).resolve("rules");
  }

}
