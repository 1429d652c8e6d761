package org.apiaudit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiaudit.Sha256;
import org.apiaudit.UserException;

/**
 * Writes every rendering of a report into one folder, then {@code manifest.json} last.
 *
 * <p>Each file is written to a temporary file in the same folder and moved into place with
 * {@link StandardCopyOption#ATOMIC_MOVE}, so a reader never sees half a file, and a crash leaves
 * either the old file or the new one. The manifest is written last and lists the SHA-256 and
 * size of every file written, so its presence means the report is complete, and anyone can
 * check later that no file was altered (chain of custody).
 *
 * <p>An existing report is never replaced by accident: when the folder already holds any file
 * this writer writes, it refuses with a {@link UserException} unless {@link Overwrite#REPLACE}.
 */
public final class ReportWriter {
  /** The chain-of-custody file, written last. */
  public static final String MANIFEST = "manifest.json";

  /** The findings contract alone, so that {@code analyzer report --findings} can re-render a report. */
  public static final String FINDINGS = "findings.json";
  /** Version of the manifest's JSON shape. */
  public static final String MANIFEST_SCHEMA_VERSION = "1";

  /** What to do when the folder already holds a report. */
  public enum Overwrite {
    /** Refuse (default): a report is evidence. */
    REFUSE,
    /** Replace each file atomically ({@code --force}). */
    REPLACE
  }

  /**
   * One file in the manifest.
   *
   * @param name file name within the report folder (or the input's path)
   * @param size bytes
   * @param sha256 hex SHA-256 of the bytes
   */
  public record FileDigest(String name, long size, String sha256) {}

  /**
   * The chain-of-custody manifest.
   *
   * @param manifestSchemaVersion {@link #MANIFEST_SCHEMA_VERSION}
   * @param reportId the report's id
   * @param classification the TLP label
   * @param toolVersion the analyzer's version
   * @param ruleSetVersion the rule set's version
   * @param ruleSetDigest the rule set's digest
   * @param commandLine the command line
   * @param startedAt run start, RFC 3339
   * @param finishedAt report generation, RFC 3339
   * @param evidenceDigest digest over findings and inputs
   * @param files every file the report wrote, in order
   * @param inputs every input log file, as recorded at ingest
   */
  public record Manifest(
      String manifestSchemaVersion,
      String reportId,
      String classification,
      String toolVersion,
      String ruleSetVersion,
      String ruleSetDigest,
      String commandLine,
      String startedAt,
      String finishedAt,
      String evidenceDigest,
      List<FileDigest> files,
      List<FileDigest> inputs) {}

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Overwrite overwrite;
  private final StixBundleWriter stix;

  public ReportWriter(Overwrite overwrite) {
    this(overwrite, new StixBundleWriter());
  }

  public ReportWriter(Overwrite overwrite, StixBundleWriter stix) {
    this.overwrite = Objects.requireNonNull(overwrite, "overwrite");
    this.stix = Objects.requireNonNull(stix, "stix");
  }

  /** The file names written, in order; {@link #MANIFEST} is last. */
  public static List<String> fileNames() {
    return List.of(HtmlReportWriter.FILE_NAME, MarkdownReportWriter.FILE_NAME, JsonReportWriter.FILE_NAME,
        FINDINGS, IndicatorsCsvWriter.FILE_NAME, StixBundleWriter.FILE_NAME, MANIFEST);
  }

  /**
   * Writes the report into {@code folder} (created if needed) and returns the paths written,
   * manifest last.
   *
   * @throws UserException when the folder already holds a report and overwriting is refused,
   *     or when it cannot be written
   */
  public List<Path> write(Report report, Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UserException("cannot create report folder " + folder + ": " + e.getMessage(), 2, e);
    }
    if (overwrite == Overwrite.REFUSE) {
      List<String> existing = fileNames().stream().filter(n -> Files.exists(folder.resolve(n))).toList();
      if (!existing.isEmpty()) {
        throw new UserException("report folder " + folder + " already holds a report (" + String.join(", ", existing)
            + "); choose another --out or use --force to replace it");
      }
    }
    Map<String, byte[]> renderings = new LinkedHashMap<>();
    renderings.put(HtmlReportWriter.FILE_NAME, utf8(new HtmlReportWriter().render(report)));
    renderings.put(MarkdownReportWriter.FILE_NAME, utf8(new MarkdownReportWriter().render(report)));
    renderings.put(JsonReportWriter.FILE_NAME, utf8(new JsonReportWriter().render(report)));
    renderings.put(FINDINGS, findingsJson(report));
    renderings.put(IndicatorsCsvWriter.FILE_NAME, utf8(new IndicatorsCsvWriter().render(report)));
    renderings.put(StixBundleWriter.FILE_NAME, utf8(stix.render(report)));

    List<Path> written = new ArrayList<>();
    List<FileDigest> digests = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : renderings.entrySet()) {
      written.add(writeAtomically(folder, e.getKey(), e.getValue()));
      digests.add(new FileDigest(e.getKey(), e.getValue().length, Sha256.of(e.getValue())));
    }
    written.add(writeAtomically(folder, MANIFEST, manifestBytes(report, digests)));
    return written;
  }

  private static byte[] manifestBytes(Report report, List<FileDigest> files) {
    List<FileDigest> inputs = new ArrayList<>();
    for (Report.InputFile f : report.scope().files()) {
      inputs.add(new FileDigest(f.path(), f.size(), f.sha256()));
    }
    Report.Header h = report.header();
    Report.Method m = report.method();
    Manifest manifest = new Manifest(MANIFEST_SCHEMA_VERSION, h.reportId(), h.classification().label(), h.toolVersion(),
        h.ruleSetVersion(), h.ruleSetDigest(), m.commandLine(), Times.rfc3339(m.startedAt()), Times.rfc3339(m.finishedAt()),
        m.evidenceDigest(), files, inputs);
    try {
      return utf8(JSON.writeValueAsString(manifest) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("manifest cannot be serialised", e);
    }
  }

  private static byte[] findingsJson(Report report) {
    try {
      return utf8(JSON.writeValueAsString(report.caseFindings()) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("findings cannot be serialised", e);
    }
  }

  /** Reads a manifest back (for verification tools and tests). */
  public static Manifest readManifest(Path folder) throws IOException {
    return JSON.readValue(folder.resolve(MANIFEST).toFile(), Manifest.class);
  }

  private static Path writeAtomically(Path folder, String name, byte[] bytes) {
    Path target = folder.resolve(name);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(folder, "." + name + ".", ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new UserException("report folder " + folder + " does not support atomic renames (" + e.getMessage()
            + "); write the report to a local disk", 2, e);
      }
      return target;
    } catch (IOException e) {
      throw new UserException("cannot write " + target + ": " + e.getMessage(), 2, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move succeeded or the write already failed with a better message
        }
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}
