package org.apiaudit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apiaudit.schema.Field;

/**
 * Looks for planted personal identifiers in everything a run leaves behind: text it printed,
 * files (byte-wise), and a Lucene index read through Lucene (stored fields, which are
 * compressed on disk and so invisible to a byte scan, every term of every field, sorted doc
 * values and the numeric columns).
 *
 * <p>An identifier is found when one of its planted spellings ({@code +91 91234 99901},
 * {@code 09123400011}) or its bare digits appear as a number of their own, glued to letters or
 * not: not continued by more digits and not part of a dotted number (a mutation that buries the
 * digits in a longer number makes them no identifier, and the masker rightly leaves that number
 * alone). The search is independent of the masker: spellings are looked up as planted. Used by
 * the planted-identifier test and by the fuzz harness ({@code bench --fuzz}).
 */
public final class IdentifierLeakScanner {
  /** One clear identifier found: where, and which (its canonical digits). */
  public record Leak(String where, String identifier, String context) {
    @Override
    public String toString() {
      return where + ": " + identifier + " in '" + context + "'";
    }
  }

  /**
   * A number written in groups: digits, then groups joined by one space, dash or plus; not
   * continued by a digit or a decimal part, not the tail of a dotted number.
   */
  private static final Pattern GROUPS =
      Pattern.compile("(?<![0-9]|[0-9]\\.)\\+?[0-9]++(?:[ +\\-][0-9]++)*(?![0-9]|\\.[0-9])");
  private static final Pattern DIGITS = Pattern.compile("[0-9]++");
  /**
   * A number whose first digit is percent-escaped ({@code %39123400011}), looked up whole; as
   * for clear numbers, not when a digit (clear or escaped) comes before or after it: decoded, that is one
   * longer number.
   */
  private static final Pattern ESCAPED_FIRST_DIGIT =
      Pattern.compile("(?<![0-9]|[0-9]\\.|%3[0-9])%3[0-9][0-9]++(?![0-9]|\\.[0-9]|%3[0-9])");
  /** Most groups a planted spelling has. */
  private static final int MAX_GROUPS = 6;

  private final Map<String, String> canonicalBySpelling;
  private final Set<Long> numbers;

  /**
   * @param canonicalBySpelling every planted spelling mapped to the identifier's canonical digits
   *     (the bare digits are added as a spelling of their own)
   */
  public IdentifierLeakScanner(Map<String, String> canonicalBySpelling) {
    Map<String, String> all = new LinkedHashMap<>(canonicalBySpelling);
    for (String canonical : canonicalBySpelling.values()) {
      all.put(canonical, canonical);
    }
    this.canonicalBySpelling = Collections.unmodifiableMap(all);
    this.numbers = all.values().stream().map(Long::parseLong).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** The planted identifiers' canonical digits. */
  public Set<String> identifiers() {
    return Set.copyOf(canonicalBySpelling.values());
  }

  /**
   * Leaks in {@code text}, reported as found in {@code where}. Every number written in groups is
   * cut into its runs of consecutive groups, and each run (with a '+' before it, if any) is
   * looked up among the planted spellings: so {@code 200 91234 99901} holds
   * {@code 91234 99901}, and {@code mob9123400011} holds {@code 9123400011}.
   */
  public List<Leak> scanText(String where, CharSequence text) {
    List<Leak> leaks = new ArrayList<>();
    if (text == null) {
      return leaks;
    }
    Matcher m = GROUPS.matcher(text);
    int[] starts = new int[64];
    int[] ends = new int[64];
    while (m.find()) {
      Matcher g = DIGITS.matcher(text).region(m.start(), m.end());
      int n = 0;
      while (g.find() && n < starts.length) {
        starts[n] = g.start();
        ends[n] = g.end();
        n++;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n && j < i + MAX_GROUPS; j++) {
          String candidate = text.subSequence(starts[i], ends[j]).toString();
          String found = canonicalBySpelling.get(candidate);
          if (found == null && starts[i] > 0 && text.charAt(starts[i] - 1) == '+') {
            found = canonicalBySpelling.get("+" + candidate);
          }
          if (found != null) {
            int from = Math.max(0, starts[i] - 30);
            int to = Math.min(text.length(), ends[j] + 30);
            leaks.add(new Leak(where, found, text.subSequence(from, to).toString()));
          }
        }
      }
    }
    Matcher escaped = ESCAPED_FIRST_DIGIT.matcher(text);
    while (escaped.find()) {
      String found = canonicalBySpelling.get(escaped.group());
      if (found != null) {
        int from = Math.max(0, escaped.start() - 30);
        int to = Math.min(text.length(), escaped.end() + 30);
        leaks.add(new Leak(where, found, text.subSequence(from, to).toString()));
      }
    }
    return leaks;
  }

  /** Leaks in the bytes of {@code file} (read as Latin-1: identifiers are ASCII). */
  public List<Leak> scanFile(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (NoSuchFileException gone) {
      return List.of(); // a temporary file deleted while we looked
    }
    return scanText(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** Leaks in every regular file under {@code dir} but those named in {@code skipNames}. */
  public List<Leak> scanTree(Path dir, Set<String> skipNames) throws IOException {
    List<Leak> leaks = new ArrayList<>();
    if (!Files.exists(dir)) {
      return leaks;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(f -> !skipNames.contains(f.getFileName().toString())).toList();
    } catch (java.io.UncheckedIOException raced) {
      return leaks; // a file vanished during the walk (temporary files); the next look sees the rest
    }
    for (Path f : files) {
      leaks.addAll(scanFile(f));
    }
    return leaks;
  }

  /**
   * Leaks in the Lucene index at {@code indexDir}, read through Lucene: every stored field of
   * every document, every term of every field, every value of sorted doc values, and every
   * numeric doc value and point whose decimal digits are a planted identifier. Event times are
   * not read as numbers (they are instants, whatever their digits).
   */
  public List<Leak> scanIndex(Path indexDir) throws IOException {
    List<Leak> leaks = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        StoredFields stored = leaf.storedFields();
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          Document d = stored.document(doc);
          for (org.apache.lucene.index.IndexableField f : d.getFields()) {
            leaks.addAll(scanText("index stored " + f.name(), f.stringValue() != null ? f.stringValue()
                : f.binaryValue().utf8ToString()));
          }
        }
        for (FieldInfo info : leaf.getFieldInfos()) {
          scanField(leaf, info, leaks);
        }
      }
    }
    return leaks;
  }

  private void scanField(LeafReader leaf, FieldInfo info, List<Leak> leaks) throws IOException {
    String name = info.name;
    boolean time = name.equals(Field.TIMESTAMP.fieldName());
    Terms terms = leaf.terms(name);
    if (terms != null) {
      scanTerms("index term " + name, terms.iterator(), leaks);
    }
    switch (info.getDocValuesType()) {
      case SORTED -> {
        SortedDocValues dv = DocValues.getSorted(leaf, name);
        scanTerms("index doc value " + name, dv.termsEnum(), leaks);
      }
      case SORTED_SET -> {
        SortedSetDocValues dv = DocValues.getSortedSet(leaf, name);
        scanTerms("index doc value " + name, dv.termsEnum(), leaks);
      }
      case NUMERIC -> {
        NumericDocValues dv = DocValues.getNumeric(leaf, name);
        while (!time && dv.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
          checkNumber("index doc value " + name, dv.longValue(), leaks);
        }
      }
      case SORTED_NUMERIC -> {
        SortedNumericDocValues dv = DocValues.getSortedNumeric(leaf, name);
        while (!time && dv.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
          for (int i = 0; i < dv.docValueCount(); i++) {
            checkNumber("index doc value " + name, dv.nextValue(), leaks);
          }
        }
      }
      default -> { }
    }
    PointValues points = leaf.getPointValues(name);
    if (points != null && !time && points.getBytesPerDimension() == Long.BYTES && points.getNumDimensions() == 1) {
      points.intersect(new PointValues.IntersectVisitor() {
        @Override
        public void visit(int docID) {
          throw new IllegalStateException("every cell is crossed, so values are always visited");
        }

        @Override
        public void visit(int docID, byte[] packedValue) {
          checkNumber("index point " + name, NumericUtils.sortableBytesToLong(packedValue, 0), leaks);
        }

        @Override
        public PointValues.Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
          return PointValues.Relation.CELL_CROSSES_QUERY;
        }
      });
    }
  }

  private void scanTerms(String where, TermsEnum terms, List<Leak> leaks) throws IOException {
    for (BytesRef term = terms.next(); term != null; term = terms.next()) {
      leaks.addAll(scanText(where, term.utf8ToString()));
    }
  }

  private void checkNumber(String where, long value, List<Leak> leaks) {
    if (numbers.contains(value)) {
      leaks.add(new Leak(where, Long.toString(value), Long.toString(value)));
    }
  }
}
