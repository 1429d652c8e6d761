package org.apiaudit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.index.IndexVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code analyzer verify}: is the index intact, and does its manifest match its events? */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check an index for corruption and for a manifest that disagrees with its events.",
    description = {
      "Runs Lucene's CheckIndex over every segment (file checksums, terms and postings, doc values, "
          + "points, stored fields, the time sort), then checks the manifest the commit carries against "
          + "the events: every recorded source file holds as many events as recorded (fewer only when "
          + "retention removed its oldest), none once purged, within its recorded time range, and every "
          + "event belongs to a recorded file.",
      "Healthy: one line, exit 0. Otherwise one line per problem, exit 2. Reads the whole index; takes "
          + "the write lock, so it waits for no one: an index being written exits 5.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the index is healthy",
      "1:internal error (a bug)",
      "2:the index is damaged or its manifest disagrees with its events (one line per problem), or no index",
      "5:the index is in use by another analyzer process"
    },
    footer = {"", "Examples:",
      "  analyzer verify -i out/incident/index",
      "  analyzer verify -i /var/lib/apiaudit/index || echo 'restore a copy'"})
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    IndexVerifier.Result r = new IndexVerifier().verify(index.index());
    long millis = (System.nanoTime() - start) / 1_000_000;
    PrintWriter out = spec.commandLine().getOut();
    if (r.healthy()) {
      out.printf("index %s is healthy: %d segment(s), %,d events, %d source file(s) match the manifest (%.1f s)%n",
          index.index(), r.segments(), r.events(), r.files(), millis / 1000.0);
      out.flush();
      return ExitCodes.OK;
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    for (String p : r.problems()) {
      err.println("analyzer: " + index.index() + ": " + p);
    }
    err.flush();
    return ExitCodes.USAGE;
  }
}
