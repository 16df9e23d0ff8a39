package org.linnea.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.linnea.app.config.Configuration;
import org.linnea.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linnea import PATH...}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import DICOM files into the archive: files, folders (recursively), zip files, DICOMDIR media.",
        "Files that are not DICOM are skipped and counted. Needs the index to itself: stop 'linnea serve' first when the index is embedded.",
        "Exit status: 0 when everything DICOM was stored (or was already there), 1 when something failed."})
final class ImportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, zip files or DICOMDIR files.")
  List<Path> paths;

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Configuration c = config.load();
    long start = System.nanoTime();
    try (Archive archive = Node.openArchive(c)) {
      archive.recover();
      Importer imp = new Importer(archive.ingest(), c.workerThreads(), err);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
      ticker.scheduleAtFixedRate(() -> {
        double s = (System.nanoTime() - start) / 1e9;
        err.printf("linnea: import: %d files (%.0f/s), %.1f MB%n", imp.done(), imp.done() / s, imp.bytes.get() / 1e6);
        err.flush();
      }, 2, 2, TimeUnit.SECONDS);
      try {
        for (Path p : paths) imp.importPath(p);
        imp.finish();
      } finally {
        ticker.shutdownNow();
      }
      double s = (System.nanoTime() - start) / 1e9;
      out.printf("linnea: import: %d stored, %d already there (identical), %d replaced, %d duplicates refused, %d not DICOM and %d DICOMDIR files skipped, %d failed; %.1f MB in %.1f s (%.0f files/s)%n",
          imp.stored.get(), imp.identical.get(), imp.replaced.get(), imp.refusedDuplicates.get(), imp.notDicom.get(), imp.directories.get(), imp.failed.get(),
          imp.bytes.get() / 1e6, s, imp.done() / Math.max(s, 1e-9));
      for (String p : imp.problems) err.println("linnea: import: " + p);
      out.flush();
      return imp.failed.get() == 0 ? 0 : 1;
    }
  }
}
