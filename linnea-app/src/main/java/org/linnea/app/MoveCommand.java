package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.linnea.dicom.UID;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linnea move HOST PORT --dest AE -k ...}: C-MOVE. */
@Command(name = "move", mixinStandardHelpOptions = true,
    description = {"Ask a DICOM peer to send matching instances to another AE (C-MOVE).",
        "Example: linnea move pacs 104 --aec PACS --dest WORKSTATION -k StudyInstanceUID=1.2.3",
        "Exit status: 0 when every sub-operation succeeded, 1 otherwise."})
final class MoveCommand implements Callable<Integer> {
  @Mixin NetOptions net;
  @Mixin QueryOptions query;

  @Option(names = "--dest", required = true, paramLabel = "AE", description = "Move destination AE title (the peer must know its address).")
  String destination;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String cuid = query.sopClass("MOVE");
    DicomClient client = net.client();
    DimseResponse fin;
    try (DimseAssociation as = client.open(net.host, net.port,
        DicomClient.request(net.callingAe, net.calledAe).propose(cuid, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian))) {
      fin = as.move(cuid, destination, DataWriter.of(query.identifier(false)), rsp ->
          err.printf("linnea: moving: %d remaining, %d completed, %d failed, %d warning%n", rsp.remaining(), rsp.completed(), rsp.failed(), rsp.warning()));
    }
    spec.commandLine().getOut().printf("C-MOVE to %s: %s; %d completed, %d failed, %d warning%n",
        destination, Status.describe(fin.status()), fin.completed(), fin.failed(), fin.warning());
    if (fin.status() == Status.MOVE_DESTINATION_UNKNOWN) {
      err.println("linnea: " + net.peer() + " does not know the AE " + destination + " (configure it as a destination there, or check --dest)");
    } else if (!Status.isSuccess(fin.status())) {
      err.println("linnea: C-MOVE ended with " + fin.describe());
    }
    return Status.isSuccess(fin.status()) ? 0 : 1;
  }
}
