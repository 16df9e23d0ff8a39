package org.linnea.app;

import java.time.Duration;
import org.linnea.net.assoc.AssociationSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by the network commands: peer, AE titles, timeouts. */
final class NetOptions {
  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address of the DICOM peer.")
  String host;

  @Parameters(index = "1", paramLabel = "PORT", description = "TCP port of the DICOM peer (often 104 or 11112).")
  int port;

  @Option(names = "--aet", defaultValue = "LINNEA", description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
  String callingAe;

  @Option(names = "--aec", defaultValue = "ANY-SCP", description = "The peer's (called) AE title. Default: ${DEFAULT-VALUE}.")
  String calledAe;

  @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "TCP connect timeout. Default: ${DEFAULT-VALUE} s.")
  int connectTimeout;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "Give up when the peer sends nothing for this long (ARTIM and idle timeout). Default: ${DEFAULT-VALUE} s.")
  int timeout;

  @Option(names = "--max-pdu", defaultValue = "65536", paramLabel = "BYTES", description = "Maximum PDU length we receive. Default: ${DEFAULT-VALUE}.")
  int maxPdu;

  AssociationSettings settings() {
    Duration t = Duration.ofSeconds(timeout);
    return AssociationSettings.defaults()
        .withConnectTimeout(Duration.ofSeconds(connectTimeout))
        .withTimeouts(t, t, t, t)
        .withMaxPduLength(maxPdu, 0);
  }

  String peer() {
    return host + ":" + port;
  }
}
