package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.linnea.archive.Archive;
import org.linnea.archive.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code linnea verify}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-read every stored object and check its size and SHA-256 against the index; list missing, changed and unindexed objects with their paths.",
        "Exit status: 0 when all is well, 1 when anything is wrong."})
final class VerifyCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    try (Archive archive = Node.openArchive(config.load())) {
      VerifyService.Report r = archive.verify((done, total) -> {
        err.printf("linnea: verify: %d instances (%.0f/s)%n", done, done / ((System.nanoTime() - start) / 1e9));
        err.flush();
      });
      for (VerifyService.Problem p : r.problems()) out.println("linnea: verify: " + p);
      out.println("linnea: verify: " + r + (r.ok() ? ": OK" : ": PROBLEMS FOUND"));
      return r.ok() ? 0 : 1;
    }
  }
}
