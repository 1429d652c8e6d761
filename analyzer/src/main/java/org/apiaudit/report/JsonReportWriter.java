package org.apiaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Renders the report for machines: the {@link Report} record as JSON, whose last member
 * {@code caseFindings} is the findings contract exactly as detection wrote it, and whose other
 * members are the report's derived sections and metadata. Names are the record components'
 * and change only with {@link Report#SCHEMA_VERSION} ({@code reportSchemaVersion} is the first
 * member). Times are epoch milliseconds, as in the findings contract.
 */
public final class JsonReportWriter {
  /** The file name in the report folder. */
  public static final String FILE_NAME = "report.json";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** The JSON document for {@code report}, ending with a newline. */
  public String render(Report report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report cannot be serialised: " + e.getOriginalMessage(), e);
    }
  }
}
