package org.linnea.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomParseException;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DumpWriter;
import org.linnea.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code linnea dump FILE...}: a dcmdump-style listing of DICOM files. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {"Print DICOM files readably: tag, VR, value, length, multiplicity and keyword, in the layout of DCMTK's dcmdump.",
        "Exit status: 0 if every file was read, 1 if any file could not be."})
final class DumpCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files (Part 10, or bare datasets from old systems).")
  List<Path> files;

  @Option(names = {"-L", "--full"}, description = "Print long values in full instead of shortening them.")
  boolean full;

  @Option(names = "--warnings", description = "Also print what the reader noticed (missing file meta, stray bytes, ...).")
  boolean warnings;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    int failed = 0;
    PrintWriter err = spec.commandLine().getErr();
    Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    DumpWriter dump = new DumpWriter(w, full ? -1 : 16, full ? -1 : 64);
    ReadOptions options = ReadOptions.DEFAULT.withBulkDataThreshold(full ? -1 : 4096);
    for (Path file : files) {
      try {
        DicomFile df = DicomReader.readFile(file, options);
        if (files.size() > 1) {
          w.append("\n# File: ").append(file.toString()).append('\n');
        }
        dump.print(df);
        if (warnings) {
          for (String warning : df.warnings()) w.append("# Warning: ").append(warning).append('\n');
        }
      } catch (NoSuchFileException e) {
        w.flush();
        err.println("linnea dump: " + file + ": no such file");
        failed++;
      } catch (DicomParseException e) {
        w.flush();
        err.println("linnea dump: " + file + ": not a readable DICOM file: " + e.getMessage());
        failed++;
      } catch (IOException e) {
        w.flush();
        err.println("linnea dump: " + file + ": " + (Files.isDirectory(file) ? "is a directory, not a DICOM file" : e.getMessage()));
        failed++;
      }
    }
    w.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }
}
