package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.linnea.archive.Archive;
import org.linnea.archive.ReindexService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code linnea reindex}. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Rebuild the index from the object store alone (empties the index first). Run with 'linnea serve' stopped.",
        "Exit status: 0 when every object was indexed, 1 when some could not be."})
final class ReindexCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    try (Archive archive = Node.openArchive(config.load())) {
      ReindexService.Report r = archive.reindex((done, total) -> {
        err.printf("linnea: reindex: %d objects (%.0f/s)%n", done, done / ((System.nanoTime() - start) / 1e9));
        err.flush();
      });
      out.println("linnea: reindex: " + r);
      r.failures().forEach(f -> err.println("linnea: reindex: not indexed: " + f));
      return r.failures().isEmpty() ? 0 : 1;
    }
  }
}
