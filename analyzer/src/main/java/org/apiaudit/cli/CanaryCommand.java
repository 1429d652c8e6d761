package org.apiaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.canary.CanaryAnalyzer;
import org.apiaudit.canary.CanaryResult;
import org.apiaudit.canary.CanaryTextWriter;
import org.apiaudit.canary.FlaggedActors;
import org.apiaudit.canary.ProbeProblem;
import org.apiaudit.canary.ProbeReader;
import org.apiaudit.canary.ProbeSet;
import org.apiaudit.index.EventIndex;
import org.apiaudit.privacy.Pseudonymizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyzer canary}: did the bot's backend look the probes up live? */
@Command(
    name = "canary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Canary test: were identifiers typed into the bot looked up live through the API?",
    description = {
      "Investigators type fresh, known identifiers into the bot at noted times (the probes). A "
          + "live backend then calls the API about those people seconds later; an offline copy does "
          + "not. For each probe this lists every event about its subject within --window either "
          + "side of the query, and judges it on the part after the query:",
      "  live-lookup  an access (not a public or OTP endpoint) by an actor other",
      "               than the subject's own OTP session (a citizen token",
      "               confirmOTP issued for it)",
      "  owner-only   accesses, all from the subject's own OTP session",
      "  no-access    the logs cover the window (others' events are there), no access",
      "  not-covered  no event at all from anyone after the query: a gap in the logs",
      "Overall: live-lookups-evidenced (with the actors and the delay min/median/max), "
          + "no-live-lookup, or not-covered.",
      "",
      "Probes file: CSV with the header identifier,queried_at[,note]; identifier is a clear "
          + "mobile, Aadhaar or reference id, pseudonymised with the case key on read and never "
          + "echoed; queried_at is ISO-8601 with an offset, e.g. 2023-06-07T22:41:07+05:30. Bad rows "
          + "are reported as file:line (exit 4) and the rest are processed."
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (whatever the verdict)",
      "1:internal error (a bug)",
      "2:bad option, unreadable index, probes file or findings, or a key that does not match the index",
      "4:some probe rows could not be used (the rest were analysed)"
    },
    footer = {"", "Examples:",
      "  analyzer canary --index case/index --probes case/probes.csv",
      "  analyzer canary -i case/index --probes probes.csv --window 5m --json"})
public final class CanaryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IndexOptions indexOptions;
  @Mixin KeyOptions key;

  @Option(names = "--probes", required = true, paramLabel = "FILE",
      description = "Probes CSV: identifier,queried_at[,note].")
  Path probes;

  @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10m",
      description = "Window either side of each query, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--findings", paramLabel = "FILE",
      description = "findings.json from 'analyzer detect': marks the actors detection flagged.")
  Path findings;

  @Option(names = "--json", description = "Print the result as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    long windowMillis = Durations.parseMillis(window);
    FlaggedActors flagged = findings == null ? FlaggedActors.none()
        : FlaggedActors.of(org.apiaudit.detect.findings.FindingsFile.read(findings));
    CanaryResult result;
    try (DirectoryReader reader = EventIndex.openReader(indexOptions.index())) {
      Pseudonymizer pseudonymizer = pseudonymizer(key.file(indexOptions.index()), indexOptions.index(), reader);
      ProbeSet set = new ProbeReader(pseudonymizer).read(probes);
      result = new CanaryAnalyzer().analyze(reader, set, windowMillis, flagged);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      out.println();
    } else {
      out.print(new CanaryTextWriter().render(result));
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (ProbeProblem p : result.problems()) {
      err.println("analyzer: " + p);
    }
    err.flush();
    return result.problems().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
  }

  /**
   * The pseudonymizer of the case key for probes against an existing index ({@code canary},
   * {@code report --probes}): the key must exist (never created here) and must be the one the
   * index was built with, or every probe would silently find nothing.
   */
  static Pseudonymizer pseudonymizer(Path keyFile, Path index, DirectoryReader reader) {
    return new Pseudonymizer(EventIndex.manifest(reader).requireKey(keyFile, index));
  }
}
