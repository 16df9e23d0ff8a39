package org.linnea.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.json.DicomJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linnea json FILE...}: the dataset of DICOM files as the DICOM JSON Model (PS3.18 Annex F). */
@Command(
    name = "json",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the dataset of DICOM files (not the file meta information) as DICOM JSON (PS3.18 Annex F), "
          + "pretty-printed, UTF-8, on standard output.",
      "One FILE gives one JSON object; several give a JSON array of objects in the order given "
          + "(the form of QIDO-RS and WADO-RS metadata responses); --array gives an array even for one file.",
      "Binary values longer than the --bulk-data limit are written as a BulkDataURI: "
          + "file:///path#offset=N&length=M, the byte range of the value in the file; encapsulated pixel data "
          + "is the range of its fragments (items after the Basic Offset Table, headers included); "
          + "values that are not in the file as one range (deflated files) get a relative bulk/ggggeeee reference.",
      "A file that cannot be read is reported on standard error as 'linnea: FILE: not a DICOM file (reason)' "
          + "and left out; the exit status is then 1."
    })
final class JsonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "DICOM files (Part 10, or a bare dataset).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--bulk-data", paramLabel = "BYTES", defaultValue = "1024",
      description = "Longest binary value written inline as base64 (default: ${DEFAULT-VALUE}).")
  long bulkDataLimit;

  @Option(names = "--array", description = "Print a JSON array even for a single FILE.")
  boolean array;

  @Option(names = "--compact", description = "No indentation or line breaks.")
  boolean compact;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (bulkDataLimit < 0) {
      err.println("linnea: --bulk-data must not be negative");
      return 2;
    }
    DicomJsonWriter writer = new DicomJsonWriter().inlineBinaryMaxLength(bulkDataLimit);
    ReadOptions options = ReadOptions.DEFAULT.withBulkDataThreshold(bulkDataLimit);
    boolean asArray = array || files.size() > 1;
    int status = 0;
    JsonGenerator g = DicomJsonWriter.createGenerator(out, !compact);
    boolean wroteSomething = false;
    if (asArray) g.writeStartArray();
    for (Path file : files) {
      DicomFile df;
      try {
        df = read(file, options);
      } catch (IOException e) {
        g.flush();
        err.println("linnea: " + file + ": not a DICOM file (" + reason(e) + ")");
        err.flush();
        status = 1;
        continue;
      }
      writer.write(g, df.dataset());
      wroteSomething = true;
    }
    if (asArray) g.writeEndArray();
    g.flush();
    if (asArray || wroteSomething) out.println();
    out.flush();
    return status;
  }

  private static DicomFile read(Path file, ReadOptions options) throws IOException {
    if (!Files.exists(file)) throw new IOException("no such file");
    if (Files.isDirectory(file)) throw new IOException("a directory");
    if (!Files.isReadable(file)) throw new IOException("permission denied");
    try (DicomReader r = DicomReader.open(file)) {
      return r.readFile(options);
    }
  }

  /** The reader's message, without a repeated "not a DICOM file: ". */
  private static String reason(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.startsWith("not a DICOM file: ") ? m.substring("not a DICOM file: ".length()) : m;
  }
}
