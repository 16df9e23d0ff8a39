package org.linnea.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.linnea.dicom.UIDs;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.net.assoc.AssociationException;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DicomServiceException;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.FileInstance;
import org.linnea.net.dimse.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linnea send HOST PORT PATH...}: C-STORE of files and folders. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Send DICOM files and folders (recursively) to a DICOM peer with C-STORE.",
        "Each file goes in its own transfer syntax; uncompressed files may be converted to explicit or implicit VR "
            + "little endian when the peer refuses their own.",
        "Exit status: 0 when every DICOM file was stored (possibly with warnings), 1 when any failed."})
final class SendCommand implements Callable<Integer> {
  @Mixin NetOptions net;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "PATH", description = "Files or folders to send.")
  List<Path> paths;

  @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Associations used at once. Default: ${DEFAULT-VALUE}.")
  int parallel;

  @Spec CommandSpec spec;

  private static final int MAX_COMBINATIONS = 40; // x3 transfer syntaxes stays under 128 contexts

  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger warned = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final Map<String, List<String>> problems = Collections.synchronizedMap(new LinkedHashMap<>());

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (parallel < 1 || parallel > 64) {
      err.println("linnea: --parallel must be between 1 and 64");
      return 2;
    }
    long t0 = System.nanoTime();
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        err.println("linnea: " + p + " does not exist (check the path)");
        return 2;
      }
      try (Stream<Path> s = Files.walk(p)) {
        s.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    // reading the file meta of thousands of files: on every core, order kept
    List<FileInstance> parsed = files.parallelStream().map(f -> {
      try {
        return FileInstance.of(f);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }).toList();
    List<FileInstance> instances = new ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < files.size(); i++) {
      if (parsed.get(i) == null) {
        skipped++;
        problem("skipped, not a DICOM instance", files.get(i).toString());
      } else {
        instances.add(parsed.get(i));
      }
    }
    if (instances.isEmpty()) {
      err.println("linnea: no DICOM files found in " + paths + (skipped > 0 ? " (" + skipped + " other files skipped)" : ""));
      return 1;
    }
    Progress progress = new Progress(err, instances.size(), sent, warned, failed, bytes);
    progress.start();
    try {
      for (List<FileInstance> group : groups(instances)) {
        sendGroup(group);
      }
    } finally {
      progress.stop();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    spec.commandLine().getOut().printf("sent %d, warnings %d, failed %d of %d DICOM files to %s (%.1f MB in %.1f s, %.0f files/s)%s%n",
        sent.get(), warned.get(), failed.get(), instances.size(), net.peer(), bytes.get() / 1e6, secs, instances.size() / secs,
        skipped > 0 ? "; " + skipped + " other files skipped" : "");
    synchronized (problems) {
      problems.forEach((reason, list) -> err.printf("  %s: %d file(s), e.g. %s%n", reason, list.size(), String.join(", ", list.subList(0, Math.min(3, list.size())))));
    }
    return failed.get() > 0 ? 1 : 0;
  }

  private void problem(String reason, String file) {
    problems.computeIfAbsent(reason, k -> Collections.synchronizedList(new ArrayList<>())).add(file);
  }

  /** Groups of files whose (SOP class, transfer syntax) combinations fit one association. */
  private static List<List<FileInstance>> groups(List<FileInstance> instances) {
    Map<String, List<FileInstance>> byCombination = new LinkedHashMap<>();
    for (FileInstance i : instances) {
      byCombination.computeIfAbsent(i.sopClassUid() + "|" + i.transferSyntax(), k -> new ArrayList<>()).add(i);
    }
    List<List<FileInstance>> groups = new ArrayList<>();
    List<FileInstance> current = new ArrayList<>();
    int combos = 0;
    for (List<FileInstance> l : byCombination.values()) {
      if (combos == MAX_COMBINATIONS) {
        groups.add(current);
        current = new ArrayList<>();
        combos = 0;
      }
      current.addAll(l);
      combos++;
    }
    groups.add(current);
    return groups;
  }

  private static boolean isUncompressed(String ts) {
    TransferSyntax t = TransferSyntax.of(ts);
    return t.isNative() && !t.deflated();
  }

  private DicomClient.Request request(List<FileInstance> group) {
    DicomClient.Request rq = DicomClient.request(net.callingAe, net.calledAe);
    Set<String> seen = new LinkedHashSet<>();
    for (FileInstance i : group) {
      if (seen.add(i.sopClassUid() + "|" + i.transferSyntax())) {
        rq.propose(i.sopClassUid(), i.transferSyntax());
        if (isUncompressed(i.transferSyntax())) {
          rq.propose(i.sopClassUid(), DimseAssociation.FALLBACK_TRANSFER_SYNTAXES.toArray(String[]::new));
        }
      }
    }
    return rq;
  }

  private void sendGroup(List<FileInstance> group) throws Exception {
    ConcurrentLinkedQueue<FileInstance> queue = new ConcurrentLinkedQueue<>(group);
    int workers = Math.min(parallel, group.size());
    List<Thread> threads = new ArrayList<>();
    List<Exception> fatal = Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < workers; w++) {
      threads.add(Thread.ofPlatform().daemon(true).start(() -> {
        try {
          work(group, queue);
        } catch (Exception e) {
          fatal.add(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    // files left when every worker gave up: failed with the association's reason
    FileInstance left;
    String reason = fatal.isEmpty() ? "not sent" : fatal.get(0).getMessage();
    while ((left = queue.poll()) != null) {
      failed.incrementAndGet();
      problem(reason, left.path().toString());
    }
    if (!fatal.isEmpty() && sent.get() + warned.get() == 0) {
      throw fatal.get(0); // nothing went through: report the association's error as such
    }
  }

  private void work(List<FileInstance> group, ConcurrentLinkedQueue<FileInstance> queue) throws IOException {
    DicomClient client = net.client();
    DicomClient.Request rq = request(group);
    DimseAssociation as = null;
    int reconnects = 0;
    try {
      FileInstance inst;
      while ((inst = queue.poll()) != null) {
        if (as == null || !as.association().isEstablished()) {
          if (as != null) {
            as.abort();
            if (++reconnects > 3) {
              queue.add(inst);
              throw new IOException("association with " + net.peer() + " failed repeatedly");
            }
          }
          try {
            as = client.open(net.host, net.port, rq);
          } catch (IOException e) {
            queue.add(inst);
            throw e;
          }
        }
        sendOne(as, inst);
      }
    } finally {
      if (as != null) {
        as.close();
      }
    }
  }

  private void sendOne(DimseAssociation as, FileInstance inst) {
    String file = inst.path().toString();
    try {
      boolean accepted = as.association().presentationContext(inst.sopClassUid(), inst.transferSyntax()).isPresent()
          || isUncompressed(inst.transferSyntax()) && DimseAssociation.FALLBACK_TRANSFER_SYNTAXES.stream()
              .anyMatch(ts -> as.association().presentationContext(inst.sopClassUid(), ts).isPresent());
      if (!accepted) {
        failed.incrementAndGet();
        problem("the peer accepts " + UIDs.nameOf(inst.sopClassUid()) + " not in " + TransferSyntax.of(inst.transferSyntax()).name()
            + " (check its configuration)", file);
        return;
      }
      DimseResponse rsp = as.store(inst, null); // converts uncompressed files when the peer refused their syntax
      int status = rsp.status();
      if (Status.isSuccess(status)) {
        sent.incrementAndGet();
      } else if (Status.isWarning(status)) {
        warned.incrementAndGet();
        problem("stored with " + rsp.describe(), file);
      } else {
        failed.incrementAndGet();
        problem("refused: " + rsp.describe(), file);
      }
      bytes.addAndGet(Files.size(inst.path()));
    } catch (AssociationException e) {
      failed.incrementAndGet();
      problem(e.getMessage(), file);
    } catch (IOException | DicomServiceException e) {
      failed.incrementAndGet();
      problem(e.getMessage() == null ? e.toString() : e.getMessage(), file);
    }
  }
}
