package org.apiaudit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.FileResult;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.Reject;
import org.apiaudit.ingest.format.FormatChoice;

/**
 * A seeded fuzzer for ingest: mutates seed lines of every format (the project's own lines with
 * identifiers planted in every field, and real logs given as corpora), ingests them through the
 * real pipeline with the format forced, and checks three things:
 * <ul>
 *   <li>no exception escapes ingest (a crash);</li>
 *   <li>every line is accounted for: each line the reader yields that the format does not
 *       consume as a header or directive is an indexed event or a reject, the index holds as
 *       many documents as events were counted, and the rejects file one line per reject;</li>
 *   <li>no planted identifier is left in clear in the summary, the rejects file or the index
 *       (read through Lucene by {@link IdentifierLeakScanner}).</li>
 * </ul>
 * Mutations insert delimiters of every format, control and bidi characters, broken and whole
 * surrogate pairs, huge numbers, and planted identifiers in every spelling; delete, repeat and
 * replace characters. The seed decides everything, so a failing run is repeated by its seed.
 */
public final class FuzzHarness {
  /** Lines per file: a run of millions is ingested as several files, so memory stays bounded. */
  static final int LINES_PER_FILE = 200_000;

  /** One format's seed lines. */
  public record Corpus(String format, List<String> header, List<String> lines) {
    /** The first {@code maxLines} lines of {@code file} (UTF-8), read as {@code format}. */
    public static Corpus of(String format, Path file, int maxLines) throws IOException {
      List<String> lines = new ArrayList<>();
      try (InputStream in = Files.newInputStream(file)) {
        LineReader reader = new LineReader(in);
        for (String line = reader.readLine(); line != null && lines.size() < maxLines; line = reader.readLine()) {
          if (line != LineReader.OVERLONG && !line.isBlank()) {
            lines.add(line);
          }
        }
      }
      List<String> header = new ArrayList<>();
      while (!lines.isEmpty() && (lines.get(0).startsWith("#") || format.endsWith("csv") && header.isEmpty())) {
        header.add(lines.remove(0));
      }
      return new Corpus(format, header, lines);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param lines lines the reader yielded (header rows included)
   * @param events lines indexed as events
   * @param rejects lines rejected with a reason
   * @param skipped headers, directives and empty lines (neither events nor rejects, by design)
   * @param crashes files whose ingest threw
   * @param unaccounted lines neither skipped, indexed nor rejected, over all files
   * @param leaks clear identifiers found (the first 20 are kept)
   * @param leakCount all clear identifiers found
   */
  public record Result(long seed, long lines, long events, long rejects, long skipped, long crashes,
      long unaccounted, List<IdentifierLeakScanner.Leak> leaks, long leakCount, List<String> problems, double seconds) {
    /** Whether the run found nothing wrong. */
    public boolean clean() {
      return crashes == 0 && unaccounted == 0 && leakCount == 0 && problems.isEmpty();
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "seed %d: %d lines, %d events, %d rejects, %d headers or empty;"
          + " %d crashes, %d unaccounted lines, %d identifiers leaked; %.1f s", seed, lines, events, rejects, skipped,
          crashes, unaccounted, leakCount, seconds);
    }
  }

  private static final String[] HOSTILE_PIECES = {
    "\"", "\\", "'", ",", "\t", " ", "[", "]", "{", "}", ":", "/", "?", "&", "=", "%", "%zz", "-", ".", "+",
    "\u0000", "\u001b[2J", "\u0085", "\u202e", "\u2066", "\ufeff", "\ud83d", "\udc4b", "\ud83d\udc4b", "\ufffd", "\\ud83d",
    "\\u0000", "::ffff:10.0.0.1", "99999999999999999999", "1e308", "NaN", "é", "नमस्ते", "#Fields: date time c-ip", "\r"};

  private final List<Corpus> corpora;
  private final List<String> identifierPieces;
  private final IdentifierLeakScanner scanner;
  private final long seed;

  /**
   * @param corpora seed lines per format
   * @param planted the identifiers planted in the corpora, spelling to digits; mutations insert
   *     these spellings too, and the scanner looks for all of them
   */
  public FuzzHarness(List<Corpus> corpora, Map<String, String> planted, long seed) {
    if (corpora.isEmpty() || planted.isEmpty()) {
      throw new IllegalArgumentException("the fuzzer needs at least one corpus and one planted identifier");
    }
    this.corpora = List.copyOf(corpora);
    // sorted: the same seed must mutate the same way in every JVM, whatever the map's order
    this.identifierPieces = planted.keySet().stream().sorted().toList();
    this.scanner = new IdentifierLeakScanner(planted);
    this.seed = seed;
  }

  /** The project's own lines of every format, identifiers planted in every field, as corpora. */
  public static FuzzHarness withBuiltInCorpora(List<Corpus> more, long seed) {
    PlantedLines planted = new PlantedLines(0);
    List<Corpus> corpora = new ArrayList<>();
    for (PlantedLines.FormatLines f : planted.allFormats()) {
      corpora.add(new Corpus(f.format(), f.header(), f.lines()));
    }
    corpora.addAll(more);
    return new FuzzHarness(corpora, planted.spellings(), seed);
  }

  /** What a run leaves in its folder: indexes, rejects, the case key and the mutated logs. */
  private static final Pattern SCRATCH =
      Pattern.compile("index-\\d+|rejects-\\d+\\.tsv|fuzz\\.key|[a-z0-9-]+-\\d+\\.log");

  /**
   * Removes an earlier run's files from {@code work} (a re-run with the same seed uses the same
   * folder, and an index it added to would hold both runs' events), and nothing else there.
   */
  private static void clearScratch(Path work, Consumer<String> log) throws IOException {
    List<Path> earlier;
    try (var files = Files.list(work)) {
      earlier = files.filter(f -> SCRATCH.matcher(f.getFileName().toString()).matches()).toList();
    }
    for (Path f : earlier) {
      try (var tree = Files.walk(f)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    if (!earlier.isEmpty()) {
      log.accept("removed " + earlier.size() + " file(s) of an earlier fuzz run from " + work);
    }
  }

  /** Mutates and ingests about {@code totalLines} lines under {@code work} (an earlier run's files removed first). */
  public Result run(long totalLines, Path work, Consumer<String> log) throws IOException {
    long start = System.nanoTime();
    Random random = new Random(seed);
    long lines = 0;
    long events = 0;
    long rejects = 0;
    long skipped = 0;
    long crashes = 0;
    long unaccounted = 0;
    long leakCount = 0;
    List<IdentifierLeakScanner.Leak> leaks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Files.createDirectories(work);
    clearScratch(work, log);
    long perCorpus = Math.max(1, totalLines / corpora.size());
    int fileNo = 0;
    for (Corpus corpus : corpora) {
      Path index = work.resolve("index-" + fileNo);
      Path rejectsFile = work.resolve("rejects-" + fileNo + ".tsv");
      IngestConfig config = new IngestConfig(FormatChoice.of(corpus.format(), null, null, ZoneOffset.UTC),
          EndpointTable.defaults(), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, IngestConfig.defaultThreads(),
          LineReader.DEFAULT_MAX_LINE_BYTES, rejectsFile);
      long corpusEvents = 0;
      long corpusRejects = 0;
      for (long done = 0; done < perCorpus; done += LINES_PER_FILE) {
        int n = (int) Math.min(LINES_PER_FILE, perCorpus - done);
        Path file = work.resolve(corpus.format() + "-" + fileNo++ + ".log");
        writeMutated(corpus, n, random, file);
        long expected = eventsOrRejectsExpected(corpus.format(), file);
        IngestSummary summary;
        try {
          summary = Ingestor.run(index, work.resolve("fuzz.key"), List.of(file.toString()), config,
              ProgressListener.NONE, m -> {});
        } catch (RuntimeException e) {
          crashes++;
          problems.add(file + ": " + e);
          continue;
        }
        FileResult r = summary.files().get(0);
        if (r.outcome() != FileResult.Outcome.INGESTED || r.file() == null) {
          problems.add(file + ": " + r.outcome() + " " + r.message());
          continue;
        }
        long fileLines = r.file().lines();
        long fileEvents = r.file().events();
        long fileRejects = summary.totalRejects();
        lines += fileLines;
        events += fileEvents;
        rejects += fileRejects;
        skipped += fileLines - expected;
        corpusEvents += fileEvents;
        corpusRejects += fileRejects;
        unaccounted += Math.abs(expected - fileEvents - fileRejects);
        StringBuilder printed = new StringBuilder();
        for (Reject reject : summary.rejects()) {
          printed.append(reject).append('\n');
        }
        for (FileResult f : summary.files()) {
          printed.append(f.message()).append('\n');
        }
        leakCount += collect(scanner.scanText("summary of " + file, printed), leaks);
        Files.delete(file);
        log.accept(String.format(java.util.Locale.ROOT, "fuzz %s: %d lines, %d events, %d rejects", corpus.format(),
            fileLines, fileEvents, fileRejects));
      }
      if (Files.isDirectory(index)) {
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
          if (reader.numDocs() != corpusEvents) {
            problems.add(corpus.format() + ": index holds " + reader.numDocs() + " documents for " + corpusEvents + " events");
          }
        }
        leakCount += collect(scanner.scanIndex(index), leaks);
      }
      if (Files.exists(rejectsFile)) {
        long rejectLines;
        try (var in = Files.lines(rejectsFile, StandardCharsets.UTF_8)) {
          rejectLines = in.count();
        }
        if (rejectLines != corpusRejects) {
          problems.add(corpus.format() + ": rejects file has " + rejectLines + " lines for " + corpusRejects + " rejects");
        }
        leakCount += collect(scanner.scanFile(rejectsFile), leaks);
      }
    }
    // Byte-wise over every other file left (index files are read through Lucene above: a byte
    // scan of their compressed blocks sees a literal run of digits cut from a longer number,
    // which mutations make often, as an identifier of its own).
    try (var files = Files.list(work)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals("fuzz.key") && !f.getFileName().toString().startsWith("rejects-")) {
          leakCount += collect(scanner.scanFile(f), leaks);
        }
      }
    }
    return new Result(seed, lines, events, rejects, skipped, crashes, unaccounted, List.copyOf(leaks), leakCount,
        List.copyOf(problems), (System.nanoTime() - start) / 1e9);
  }

  private static long collect(List<IdentifierLeakScanner.Leak> found, List<IdentifierLeakScanner.Leak> into) {
    for (IdentifierLeakScanner.Leak l : found) {
      if (into.size() < 20) {
        into.add(l);
      }
    }
    return found.size();
  }

  private void writeMutated(Corpus corpus, int n, Random random, Path file) throws IOException {
    // a lone surrogate is written as '?', as any Java program writing text would
    try (BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)), 1 << 16)) {
      for (String h : corpus.header()) {
        out.write(h);
        out.write('\n');
      }
      for (int i = 0; i < n; i++) {
        String line = corpus.lines().get(random.nextInt(corpus.lines().size()));
        // one line in ten unmutated, so every file has events to index and scan
        out.write(i % 10 == 0 ? line : mutate(line, random));
        out.write('\n');
      }
    }
  }

  /**
   * How many lines of {@code file} must end as an event or a reject: those the reader yields
   * (split as ingest splits them) that are not empty and that a fresh session of the format does
   * not consume as a header or directive.
   */
  private static long eventsOrRejectsExpected(String formatName, Path file) throws IOException {
    LogFormat format = FormatChoice.of(formatName, null, null, ZoneOffset.UTC).choose(file.toString(), List.of());
    FileSession session = format.startFile();
    long expected = 0;
    try (InputStream in = Files.newInputStream(file)) {
      LineReader reader = new LineReader(in);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line == LineReader.OVERLONG || !line.isEmpty() && session.parserFor(line) != null) {
          expected++;
        }
      }
    }
    return expected;
  }

  /** {@code line} with one to four random edits. */
  String mutate(String line, Random random) {
    StringBuilder sb = new StringBuilder(line);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      switch (random.nextInt(5)) {
        case 0 -> sb.insert(at, HOSTILE_PIECES[random.nextInt(HOSTILE_PIECES.length)]);
        case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(12)));
        case 2 -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + random.nextInt(40))).repeat(random.nextInt(20)));
        case 3 -> sb.insert(at, identifierPieces.get(random.nextInt(identifierPieces.size())));
        default -> {
          if (sb.length() > 0) {
            sb.setCharAt(Math.min(at, sb.length() - 1), (char) random.nextInt(0x3000));
          }
        }
      }
    }
    return sb.toString().replace("\n", "");
  }

  /** The scanner over the planted identifiers. */
  public IdentifierLeakScanner scanner() {
    return scanner;
  }
}
