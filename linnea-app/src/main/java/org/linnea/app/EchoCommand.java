package org.linnea.app;

import java.util.concurrent.Callable;
import org.linnea.dicom.UID;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code linnea echo HOST PORT}: C-ECHO. */
@Command(name = "echo", mixinStandardHelpOptions = true,
    description = {"Check that a DICOM peer answers (C-ECHO, the verification service).", "Exit status: 0 on success, 1 otherwise."})
final class EchoCommand implements Callable<Integer> {
  @Mixin NetOptions net;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    DicomClient client = net.client();
    try (DimseAssociation as = client.open(net.host, net.port,
        DicomClient.request(net.callingAe, net.calledAe).propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
      DimseResponse rsp = as.echo();
      if (rsp.status() != Status.SUCCESS) {
        spec.commandLine().getErr().println("linnea: C-ECHO to " + net.peer() + " answered " + rsp.describe());
        return 1;
      }
    }
    spec.commandLine().getOut().printf("C-ECHO to %s (%s): success in %d ms%n", net.peer(), net.calledAe, (System.nanoTime() - t0) / 1_000_000);
    return 0;
  }
}
