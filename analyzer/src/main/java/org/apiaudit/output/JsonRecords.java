package org.apiaudit.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The framing of machine output in JSON: one object per record, as JSON lines ({@code -o jsonl},
 * each line flushed as written) or as one array ({@code -o json}, {@code []} when empty). Rows
 * ({@link RowWriter}) and hits ({@code search.HitWriter}) differ only in each record's fields.
 */
public final class JsonRecords {
  private final PrintWriter out;
  private final boolean array;
  private JsonGenerator json;

  /** Records to {@code out}: a JSON array when {@code format} is JSON, else JSON lines. */
  public JsonRecords(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.array = format == OutputFormat.JSON;
  }

  /** Opens the next record's object; write its fields to the generator returned, then {@link #end}. */
  public JsonGenerator begin() throws IOException {
    if (json == null) {
      json = new JsonFactory().createGenerator(out);
      json.setRootValueSeparator(null);
      if (array) {
        json.writeStartArray();
      }
    }
    json.writeStartObject();
    return json;
  }

  /** Closes the record's object; a JSON line ends here. */
  public void end() throws IOException {
    json.writeEndObject();
    if (!array) {
      json.flush();
      out.write('\n');
    }
  }

  /** Closes the array (an empty one when no record came) and the generator. */
  public void close() throws IOException {
    if (array) {
      if (json == null) {
        out.print("[]");
      } else {
        json.writeEndArray();
        json.flush();
      }
      out.println();
    }
    if (json != null) {
      json.close();
    }
  }
}
