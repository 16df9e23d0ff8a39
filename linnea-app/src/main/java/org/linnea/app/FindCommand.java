package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.linnea.dicom.ElementDictionary;
import org.linnea.dicom.Tags;
import org.linnea.dicom.UID;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code linnea find HOST PORT -k Key=Value...}: C-FIND. */
@Command(name = "find", mixinStandardHelpOptions = true,
    description = {"Query a DICOM peer (C-FIND) and print the matches.",
        "Example: linnea find pacs 104 --aec PACS -k PatientName=DOE* -k StudyDate=20240101-",
        "Exit status: 0 on success, 1 when the peer reports a failure."})
final class FindCommand implements Callable<Integer> {
  @Mixin NetOptions net;
  @Mixin QueryOptions query;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String cuid = query.sopClass("FIND");
    Dataset keys = query.identifier(true);
    AtomicInteger n = new AtomicInteger();
    DicomClient client = net.client();
    DimseResponse fin;
    try (DimseAssociation as = client.open(net.host, net.port,
        DicomClient.request(net.callingAe, net.calledAe).propose(cuid, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian))) {
      fin = as.find(cuid, DataWriter.of(keys), rsp -> {
        out.println("Match " + n.incrementAndGet() + ":");
        try {
          print(out, rsp.dataSet().orElseThrow().dataset());
        } catch (Exception e) {
          out.println("  (unreadable identifier: " + e.getMessage() + ")");
        }
      });
    }
    out.flush();
    if (!Status.isSuccess(fin.status()) && !Status.isCancel(fin.status())) {
      spec.commandLine().getErr().println("linnea: C-FIND on " + net.peer() + " ended with " + fin.describe()
          + " (check the keys and --level)");
      return 1;
    }
    out.println(n.get() + (n.get() == 1 ? " match" : " matches"));
    return 0;
  }

  static void print(PrintWriter out, Dataset ds) {
    ElementDictionary dict = ElementDictionary.standard();
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      String keyword = dict.keywordOf(tag);
      String value = ds.vrAt(i) == VR.SQ ? "(sequence)" : String.join("\\", ds.getStrings(tag));
      out.printf("  %-32s %s %s%n", keyword == null || keyword.isEmpty() ? "" : keyword, Tags.toString(tag), value);
    }
  }
}
