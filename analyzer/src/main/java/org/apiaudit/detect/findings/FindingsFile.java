package org.apiaudit.detect.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;

/**
 * Reads {@code findings.json} back: the report step, the canary and the web UI all start from
 * the findings detection wrote. Unknown keys are ignored, so a newer writer's additions do not
 * break an older reader; the schema version is checked instead.
 */
public final class FindingsFile {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private FindingsFile() {}

  /**
   * The findings in {@code file}, checked: a missing file, invalid JSON, another schema version
   * or a file without conclusion or coverage is a {@link UserException} naming the file.
   */
  public static CaseFindings read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("findings file " + file + " does not exist (run 'analyzer detect' first)");
    }
    CaseFindings findings;
    try {
      findings = JSON.readValue(file.toFile(), CaseFindings.class);
    } catch (JsonProcessingException e) {
      throw new UserException("findings file " + file + " is not valid findings JSON: " + e.getOriginalMessage(), ExitCodes.USAGE, e);
    } catch (IOException e) {
      throw new UserException("cannot read findings file " + file + ": " + e.getMessage(), ExitCodes.USAGE, e);
    }
    if (!CaseFindings.SCHEMA_VERSION.equals(findings.schemaVersion())) {
      throw new UserException("findings file " + file + " has schemaVersion " + findings.schemaVersion()
          + "; this analyzer reads version " + CaseFindings.SCHEMA_VERSION);
    }
    if (findings.conclusion() == null || findings.coverage() == null) {
      throw new UserException("findings file " + file + " has no conclusion or coverage");
    }
    return findings;
  }
}
