package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import org.linnea.archive.DeleteService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linnea restore-deleted --study UID [--org ORG]}. */
@Command(name = "restore-deleted", mixinStandardHelpOptions = true,
    description = {"Put a deleted study back from the store's trash (every deletion of it still there, of every organisation unless --org):",
        "its objects return to the store and are indexed into the organisation they were deleted from. Run with 'linnea serve' stopped.",
        "Exit status: 0 when restored, 1 when nothing of the study is in the trash or something could not be restored."})
final class RestoreDeletedCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;
  @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID") String study;
  @Option(names = "--org", paramLabel = "ORG", description = "only deletions of this organisation") String org;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Configuration c = config.load();
    try (Archive archive = DeleteCommand.openStopped(c, err)) {
      if (archive == null) return 1;
      DeleteService.Restored r = archive.deletions().restore(study, org);
      r.failures().forEach(f -> err.println("linnea: restore-deleted: not restored: " + f));
      if (r.deletions() == 0) {
        err.println("linnea: restore-deleted: nothing of study " + study + " in the trash (purged after " + c.trashRetentionDays() + " days?)");
        return 1;
      }
      out.println("linnea: restore-deleted: " + r.objects() + " objects of " + r.deletions() + " deletion(s) of study " + study + " restored");
      return r.failures().isEmpty() ? 0 : 1;
    }
  }
}
