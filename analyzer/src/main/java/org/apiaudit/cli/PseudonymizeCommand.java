package org.apiaudit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.privacy.Pseudonymizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer pseudonymize}: turns clear identifiers into the pseudonyms the index holds. */
@Command(name = "pseudonymize", mixinStandardHelpOptions = true,
    header = "Print the pseudonym of a clear identifier, to search the index for that person.",
    description = {
      "Pseudonymises mobile numbers, Aadhaar numbers or beneficiary reference ids with the "
          + "case key, exactly as ingest did. Prints one pseudonym per identifier, in order, and "
          + "never the identifier itself. Identifiers come from the arguments, or one per line from "
          + "--file or standard input ('-').",
      ""
    },
    footer = {"", "Examples:",
      "  analyzer pseudonymize -i idx 9876543210",
      "  analyzer search -i idx \"subject:$(analyzer pseudonymize -i idx 9876543210)\"",
      "  analyzer pseudonymize -i idx --file leak-sample.txt --query"})
public final class PseudonymizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin KeyOptions key;

  @Parameters(paramLabel = "IDENTIFIER", arity = "0..*", description = "Clear identifiers ('-' reads standard input).")
  List<String> identifiers = new ArrayList<>();

  @Option(names = "--file", paramLabel = "FILE", description = "Read identifiers from FILE, one per line.")
  java.nio.file.Path file;

  @Option(names = "--query", description = "Print one search query matching all of them instead.")
  boolean query;

  @Override
  public Integer call() throws IOException {
    List<String> ids = new ArrayList<>();
    for (String id : identifiers) {
      if (id.equals("-")) {
        readLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), ids);
      } else {
        ids.add(id);
      }
    }
    if (file != null) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        readLines(r, ids);
      } catch (IOException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (ids.isEmpty()) {
      throw new UserException("give identifiers as arguments, with --file, or '-' for standard input");
    }
    Pseudonymizer p = new Pseudonymizer(EventIndex.readManifest(index.index()).requireKey(key.file(index.index()), index.index()));
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < ids.size(); i++) {
      if (Pseudonymizer.kindOf(ids.get(i)).equals("other")) {
        // never echo the identifier: say which one by position
        spec.commandLine().getErr().println("analyzer: warning: identifier " + (i + 1) + " of " + ids.size()
            + " is not a mobile (10 digits), Aadhaar (12) or reference id (14): its pseudonym matches only a subject"
            + " logged as exactly that text");
      }
    }
    spec.commandLine().getErr().flush();
    if (query) {
      StringBuilder q = new StringBuilder("subject.id:(");
      for (int i = 0; i < ids.size(); i++) {
        q.append(i == 0 ? "" : " OR ").append(p.pseudonym(ids.get(i)));
      }
      out.println(q.append(')'));
    } else {
      for (String id : ids) {
        out.println(p.pseudonym(id));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void readLines(BufferedReader r, List<String> into) throws IOException {
    String line;
    while ((line = r.readLine()) != null) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        into.add(t);
      }
    }
  }
}
