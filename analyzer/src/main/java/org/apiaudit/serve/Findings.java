package org.apiaudit.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.findings.FindingsFile;

/**
 * The case's {@code findings.json} (given with {@code --findings}, else the one beside the
 * index folder, where {@code investigate} writes it), read again when it changes, so a new
 * {@code detect} run shows without a restart. Absent findings are no error: the views say so.
 */
final class Findings {
  private final Path file;
  private CaseFindings cached;
  private FileTime cachedTime;

  Findings(Path file) {
    this.file = file;
  }

  /** {@code explicit}, or {@code findings.json} in the index's parent folder. */
  static Findings forIndex(Path index, Path explicit) {
    if (explicit != null) {
      return new Findings(explicit);
    }
    Path parent = index.toAbsolutePath().normalize().getParent();
    return new Findings(parent == null ? Path.of("findings.json") : parent.resolve("findings.json"));
  }

  Path file() {
    return file;
  }

  /** The findings, or null when there is no file. */
  synchronized CaseFindings get() {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      FileTime t = Files.getLastModifiedTime(file);
      if (cached == null || !t.equals(cachedTime)) {
        cached = FindingsFile.read(file);
        cachedTime = t;
      }
    } catch (IOException e) {
      throw new ApiException(500, "cannot read the findings file: " + e.getMessage());
    }
    return cached;
  }

  /** The actor findings about {@code kind:value} (itself, or a cluster it is a member of). */
  List<CaseFindings.ActorFinding> about(String kind, String value) {
    CaseFindings f = get();
    List<CaseFindings.ActorFinding> out = new ArrayList<>();
    if (f == null || f.actors() == null) {
      return out;
    }
    for (CaseFindings.ActorFinding a : f.actors()) {
      boolean self = kind.equals(a.kind()) && value.equals(a.value());
      boolean member = a.members() != null && a.members().stream()
          .anyMatch(m -> kind.equals(m.kind()) && value.equals(m.value()));
      if (self || member) {
        out.add(a);
      }
    }
    return out;
  }

  /** The incidents whose actors include {@code kind:value}. */
  List<CaseFindings.Incident> incidentsOf(String kind, String value) {
    CaseFindings f = get();
    List<CaseFindings.Incident> out = new ArrayList<>();
    if (f == null || f.incidents() == null) {
      return out;
    }
    String ref = kind + ":" + value;
    for (CaseFindings.Incident i : f.incidents()) {
      if (i.actors() != null && i.actors().contains(ref)) {
        out.add(i);
      }
    }
    return out;
  }
}
