package org.apiaudit.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiaudit.Durations;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.serve.AccessToken;
import org.apiaudit.serve.AuditServer;
import org.apiaudit.serve.ServeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyzer serve}: the investigator's web UI over an index, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Serve a web UI over the index: query, histogram, fields, hits, actors, findings.",
    description = {
      "Opens the index read-only and serves the investigator's workbench in a browser: a query bar with"
          + " the search syntax, a time picker and histogram, top values of the grouped fields over all hits,"
          + " the hits with surrounding events, an actor view, the findings with their evidence, CSV/JSON"
          + " export, saved searches (kept in <index>.searches.json, usable with 'search --saved') and a"
          + " find-person box (the number is pseudonymised with the case key on the server).",
      "Listens on 127.0.0.1 unless --bind says otherwise; any other address needs an access token"
          + " (--token-file, or --generate-token to print one). Stop it with Ctrl-C.",
      ""
    },
    footer = {"", "Examples:",
      "  analyzer serve -i out/incident/index --tz Asia/Kolkata",
      "  analyzer serve -i case/index --findings case/findings.json --port 9000",
      "  analyzer serve -i case/index --bind 0.0.0.0 --token-file ~/.case-token"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "1:internal error (a bug)",
      "2:bad option, no index, a port in use, or a non-loopback bind without a token"})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin KeyOptions key;
  @Mixin ZoneOptions tz;

  @Option(names = "--findings", paramLabel = "FILE",
      description = "findings.json for verdicts and the findings view (default: findings.json beside the index folder).")
  Path findings;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeConfig.DEFAULT_PORT,
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); a non-loopback one needs a token.")
  String bind;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File whose first line is the access token browsers must present.")
  Path tokenFile;

  @Option(names = "--generate-token", description = "Make a random access token and print the link carrying it.")
  boolean generateToken;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "Longest one request may search before it is stopped (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserException("--port must be 0 to 65535; got: " + port);
    }
    if (tokenFile != null && generateToken) {
      throw new UserException("give either --token-file or --generate-token, not both");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UserException("--bind must be an address of this machine; got: " + bind);
    }
    AccessToken token = tokenFile != null ? AccessToken.read(tokenFile) : generateToken ? AccessToken.generate() : null;
    ServeConfig config = new ServeConfig(index.index(), key.file(index.index()), findings, address, port, token,
        tz.resolve(index.index()),
        Duration.ofMillis(Durations.parseMillis(timeout)));
    CountDownLatch stopped = new CountDownLatch(1);
    try (AuditServer server = AuditServer.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      tz.announce(spec.commandLine().getErr());
      spec.commandLine().getOut().println("analyzer serve: " + server.url());
      spec.commandLine().getOut().flush();
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
