package org.linnea.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.linnea.app.config.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code linnea serve}: runs the node until Ctrl-C (SIGINT) or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the archive: recovery sweep, then the DICOM and HTTP doors, until interrupted (Ctrl-C).",
        "Prints what it listens on and where it keeps its data."})
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(names = "--dev-tls", description = {"Turn on DICOM TLS and HTTPS with a self-signed development certificate,",
      "generated once in the data folder (tls/) and reused (same as tls.dev: true). Not for production."})
  boolean devTls;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Configuration c = config.load();
    if (devTls) {
      c = c.withDevTls();
    }
    Node node = Node.start(c);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      System.err.println("linnea: stopping...");
      try {
        node.close();
      } catch (Exception e) {
        System.err.println("linnea: error while stopping: " + e.getMessage());
      }
      stopped.countDown();
    }, "linnea-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("linnea: data in " + c.storagePath().toAbsolutePath().normalize() + " (index: " + node.archive().index().settings() + ")");
    out.println("linnea: recovery sweep: " + node.sweep());
    if (node.httpPort() >= 0) {
      out.println("linnea: HTTP on http://" + c.httpBindAddress() + ":" + node.httpPort() + "/ (the viewer at /; GET /health, POST /api/login, /admin/remote-aes; DICOMweb under /dicomweb; all but /health, /api/login and the viewer's files need a bearer token)"
          + (node.httpsPort() >= 0 && c.tls().plainHttp() == Configuration.PlainHttp.REDIRECT ? ", redirecting to HTTPS" : ""));
    }
    if (node.httpsPort() >= 0) {
      out.println("linnea: HTTPS on https://" + c.httpBindAddress() + ":" + node.httpsPort() + "/");
    }
    out.println("linnea: DICOM " + c.aeTitle() + " on " + c.dicomBindAddress() + ":" + node.dicomPort() + " (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET)");
    if (node.dicomTlsPort() >= 0) {
      out.println("linnea: DICOM TLS " + c.aeTitle() + " on " + c.dicomBindAddress() + ":" + node.dicomTlsPort()
          + " (client certificates: " + c.tls().dicomClientAuth().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    if (node.tls() != null) {
      out.println("linnea: TLS certificate " + node.tls().source() + ", SHA-256 fingerprint " + node.tls().fingerprint());
    }
    node.initialPassword().ifPresent(pw -> {
      // To the console only, once: the log never holds a password.
      out.println("linnea: no accounts yet: created administrator '" + Node.INITIAL_ADMINISTRATOR + "' with the one-time password " + new String(pw));
      out.println("linnea: sign in (POST /api/login) and change it: ./linnea user passwd " + Node.INITIAL_ADMINISTRATOR);
    });
    out.println("linnea: ready; Ctrl-C stops");
    out.flush();
    stopped.await();
    return 0;
  }
}
