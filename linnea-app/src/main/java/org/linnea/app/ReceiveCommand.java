package org.linnea.app;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.linnea.net.ae.AeConfig;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.ServerConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code linnea receive PORT --out DIR | --discard}: a bare storage and verification provider, for
 * receiving files and for benchmarks. The archive itself is {@code linnea serve}.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
    description = {"Accept C-ECHO and C-STORE on a port, writing what arrives to a folder (or discarding it). Runs until interrupted."})
final class ReceiveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PORT", description = "TCP port to listen on.")
  int port;

  @Option(names = "--aet", defaultValue = "LINNEA", description = "AE title answered to. Default: ${DEFAULT-VALUE}.")
  String aeTitle;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--max-pdu", defaultValue = "65536", paramLabel = "BYTES", description = "Maximum PDU length received. Default: ${DEFAULT-VALUE}.")
  int maxPdu;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--out", paramLabel = "DIR", description = "Write each instance to DIR/SOPInstanceUID.dcm.") Path out;
    @Option(names = "--discard", description = "Read and discard every data set (benchmarks).") boolean discard;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AtomicLong count = new AtomicLong();
    DicomServices services = new DicomServices();
    if (target.discard) {
      services.onStore((rq, in) -> {
        in.transferTo(OutputStream.nullOutputStream());
        count.incrementAndGet();
      });
    } else {
      Files.createDirectories(target.out);
      services.onStore((rq, in) -> {
        GetCommand.write(target.out, rq, in);
        count.incrementAndGet();
      });
    }
    ServerConfig cfg = new ServerConfig(bind, port, AeConfig.of(aeTitle), AssociationSettings.defaults().withMaxPduLength(maxPdu, 0),
        List.of(org.linnea.dicom.UID.ExplicitVRLittleEndian, org.linnea.dicom.UID.ImplicitVRLittleEndian,
            org.linnea.net.assoc.AcceptorPolicy.ANY_TRANSFER_SYNTAX),
        1000, java.util.Optional.empty(), false, true);
    CountDownLatch stop = new CountDownLatch(1);
    try (DicomServer server = new DicomServer(cfg, services).start()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        spec.commandLine().getErr().println("linnea: stopping; " + count.get() + " instances received");
        spec.commandLine().getErr().flush();
        stop.countDown();
      }));
      spec.commandLine().getErr().println("linnea: listening on " + bind + ":" + server.port() + " as " + aeTitle);
      spec.commandLine().getErr().flush();
      stop.await();
    }
    return 0;
  }
}
