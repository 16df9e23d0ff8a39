package org.linnea.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import org.linnea.archive.DeleteService;
import org.linnea.index.IndexException;
import org.linnea.index.Organisations;
import org.linnea.security.access.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linnea delete --study UID [--series UID] [--org ORG] --yes}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a study (or one series of it) of an organisation: it leaves the index and waits in the store's trash for",
        "storage.trashRetentionDays (default 30) days; './linnea restore-deleted --study UID' puts it back. Audited as the OS user.",
        "Run with 'linnea serve' stopped (with the embedded index); on a running node use DELETE /dicomweb/studies/UID.",
        "Exit status: 0 when deleted, 1 when there is no such study, 2 without --yes."})
final class DeleteCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;
  @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID") String study;
  @Option(names = "--series", paramLabel = "UID", description = "only this series of the study") String series;
  @Option(names = "--org", paramLabel = "ORG", description = "the study's organisation (default: security.organisation)") String org;
  @Option(names = "--yes", description = "confirm the deletion (without it, nothing is deleted)") boolean yes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String what = series == null ? "study " + study : "series " + series + " of study " + study;
    if (!yes) {
      err.println("linnea: delete: would delete " + what + "; add --yes to confirm");
      return 2;
    }
    Configuration c = config.load();
    String orgName = org == null ? c.security().organisation() : org;
    try (NodeSecurity s = NodeSecurity.forCommand(c); Archive archive = openStopped(c, err)) {
      if (archive == null) return 1;
      Principal who = Principal.local(System.getProperty("user.name"), orgName);
      Optional<DeleteService.Deleted> d = archive.deletions().delete(new Organisations(archive.index().dataSource()).idOf(orgName), study, series);
      if (d.isEmpty()) {
        err.println("linnea: delete: organisation " + orgName + " has no " + what);
        return 1;
      }
      s.audit.record(s.messages.delete(who, d.get().patientId(), study, true));
      out.println("linnea: delete: deleted " + what + " (" + d.get().instances() + " instances) of " + orgName + "; in the trash at " + d.get().trash()
          + " for " + c.trashRetentionDays() + " days; undo with ./linnea restore-deleted --study " + study);
      return 0;
    }
  }

  /** The archive, or null (after a message saying what to do) when the running node holds the embedded index. */
  static Archive openStopped(Configuration c, PrintWriter err) throws java.io.IOException {
    try {
      return Node.openArchive(c);
    } catch (IndexException e) {
      err.println("linnea: cannot open the index (" + e.getMessage() + "). Is 'linnea serve' running? Stop it, or on the running node use"
          + " DELETE /dicomweb/studies/UID with an administrator's token.");
      return null;
    }
  }
}
