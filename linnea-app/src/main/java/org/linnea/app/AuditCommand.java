package org.linnea.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.linnea.app.config.Configuration;
import org.linnea.security.audit.AuditJson;
import org.linnea.security.audit.AuditQuery;
import org.linnea.security.audit.AuditRecord;
import org.linnea.security.audit.AuditVerification;
import org.linnea.security.audit.FileAuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linnea audit verify|search}: the hash-chained audit trail under the data folder. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check and search the audit trail (docs/security.md).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The node's chain and the commands' chain, those that exist. */
  static List<Path> logs(Configuration c) {
    List<Path> out = new ArrayList<>();
    for (Path p : List.of(NodeSecurity.nodeLog(c), NodeSecurity.cliLog(c))) if (Files.exists(p)) out.add(p);
    return out;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check the hash chain of the audit log(s): reports the first record changed, removed or reordered.",
          "Exit status: 0 when intact, 1 otherwise."})
  static final class Verify implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "FILE", description = "audit log files (default: those under the data folder)") List<Path> files;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<Path> targets = files != null && !files.isEmpty() ? files : logs(config.load());
      if (targets.isEmpty()) {
        spec.commandLine().getErr().println("linnea: audit verify: no audit log under the data folder (has the node run?)");
        return 1;
      }
      boolean intact = true;
      for (Path p : targets) {
        if (!Files.isRegularFile(p)) {
          spec.commandLine().getErr().println("linnea: audit verify: no file " + p);
          intact = false;
          continue;
        }
        AuditVerification v = FileAuditLog.verify(p);
        out.println(p + ": " + v.summary());
        intact &= v.intact();
      }
      return intact ? 0 : 1;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true, description = "Print the audit records (JSON, one a line) that match every filter given.")
  static final class Search implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Option(names = "--user", paramLabel = "NAME") String user;
    @Option(names = "--patient", paramLabel = "ID") String patient;
    @Option(names = "--study", paramLabel = "UID") String study;
    @Option(names = "--from", paramLabel = "TIME", description = "ISO instant (2026-12-07T10:00:00Z) or date (2026-12-07)") String from;
    @Option(names = "--to", paramLabel = "TIME", description = "before this instant or date (exclusive)") String to;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000") int limit;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AuditQuery q;
      try {
        q = AuditQuery.of(user, patient, study, time(from), time(to), limit);
      } catch (DateTimeParseException e) {
        spec.commandLine().getErr().println("linnea: audit search: not a time: " + e.getParsedString() + " (use 2026-12-07T10:00:00Z or 2026-12-07)");
        return 2;
      }
      Configuration c = config.load();
      List<AuditRecord> found = new ArrayList<>();
      for (Path p : logs(c)) found.addAll(FileAuditLog.search(p, q));
      // Reading the trail is itself an event of the trail (110101 Audit Log Used).
      try (NodeSecurity s = NodeSecurity.forCommand(c)) {
        s.audit.record(s.messages.auditLogUsed(s.operator()));
      }
      found.sort(Comparator.comparing(AuditRecord::recorded));
      for (AuditRecord r : found.subList(0, Math.min(limit, found.size()))) {
        out.println(r.recorded() + " " + AuditJson.write(r.message()));
      }
      spec.commandLine().getErr().println("linnea: audit search: " + Math.min(limit, found.size()) + " record(s)");
      return 0;
    }

    static Instant time(String s) {
      if (s == null) return null;
      if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      return Instant.parse(s);
    }
  }
}
