package org.apiaudit.simulate;

/**
 * The format and compression of one day's file. A case folder often mixes them (gzipped text
 * for some days, JSON lines for others), hence one value per day rather than one per run.
 *
 * @param format the export format
 * @param gzip whether the file is gzip-compressed ({@code .gz} appended to its name)
 */
public record DayFormat(OutputFormat format, boolean gzip) {
  /**
   * Parses {@code FORMAT} or {@code FORMAT.gz}, e.g. {@code gateway.gz}, {@code json}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static DayFormat parse(String text) {
    String t = text.trim();
    boolean gz = t.endsWith(".gz");
    String name = gz ? t.substring(0, t.length() - 3) : t;
    return new DayFormat(OutputFormat.fromCliName(name), gz);
  }

  @Override
  public String toString() {
    return format.cliName() + (gzip ? ".gz" : "");
  }
}
