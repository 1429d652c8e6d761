package org.apiaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apiaudit.Sha256;
import org.apiaudit.detect.findings.CaseFindings.RuleRun;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.index.SourceFile;

/**
 * The digests a report cites so that anyone can check it months later.
 *
 * <p>The evidence digest is SHA-256 over a canonical JSON of the findings (keys sorted, no
 * whitespace) followed by one line per input file, {@code sha256 path}, in ingest order. The
 * same findings from the same inputs always give the same digest, whatever writer or platform
 * produced them; change one finding or one input byte and it changes.
 */
public final class EvidenceDigest {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private EvidenceDigest() {}

  /** SHA-256 hex of the findings and the inputs' digests. */
  public static String of(CaseFindings findings, List<SourceFile> inputs) {
    StringBuilder text = new StringBuilder();
    try {
      text.append(CANONICAL.writeValueAsString(findings)).append('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("findings cannot be serialised: " + e.getOriginalMessage(), e);
    }
    for (SourceFile f : inputs) {
      text.append(f.sha256()).append(' ').append(f.path()).append('\n');
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * SHA-256 over the rules run, one line {@code id sha256} each, sorted by id: the rule set's
   * digest when the caller did not give one.
   */
  public static String ofRules(List<RuleRun> rules) {
    StringBuilder text = new StringBuilder();
    rules.stream()
        .sorted(java.util.Comparator.comparing(RuleRun::id))
        .forEach(r -> text.append(r.id()).append(' ').append(r.sha256()).append('\n'));
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

}
