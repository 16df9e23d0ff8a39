package org.linnea.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.linnea.dicom.Tag;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.data.Sequence;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.archive.IngestException;
import org.linnea.archive.IngestResult;
import org.linnea.archive.IngestService;
import org.linnea.archive.Source;


/**
 * Imports files, folders (recursively), zip files and DICOMDIR media (the files its directory
 * records refer to) through the ingest service, several files at a time, counting what happened.
 */
final class Importer {
  private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

  private final IngestService ingest;
  private final PrintWriter err;
  private final ThreadPoolExecutor pool;

  final AtomicLong stored = new AtomicLong();
  final AtomicLong identical = new AtomicLong();
  final AtomicLong replaced = new AtomicLong();
  final AtomicLong refusedDuplicates = new AtomicLong();
  final AtomicLong notDicom = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong directories = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

  Importer(IngestService ingest, int threads, PrintWriter err) {
    this.ingest = ingest;
    this.err = err;
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 16),
        Thread.ofPlatform().name("import-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
  }

  long done() {
    return stored.get() + identical.get() + replaced.get() + refusedDuplicates.get() + notDicom.get() + failed.get() + directories.get();
  }

  void importPath(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          if (f.getFileName().toString().equalsIgnoreCase("DICOMDIR")) continue; // its files are in the tree
          submitFile(f);
        }
      }
    } else if (!Files.exists(p)) {
      failed.incrementAndGet();
      problems.add(p + ": no such file or folder");
    } else if (isZip(p)) {
      importZip(p);
    } else if (p.getFileName().toString().equalsIgnoreCase("DICOMDIR") || isDicomdir(p)) {
      importDicomdir(p);
    } else {
      submitFile(p);
    }
  }

  void finish() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(365, TimeUnit.DAYS);
  }

  private void submitFile(Path f) {
    pool.execute(() -> {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
        count(ingest.ingestFile(in, Source.importOf(f.toString())));
      } catch (IngestException e) {
        if (e.reason() == IngestException.Reason.INVALID && isDicomdir(f)) {
          directories.incrementAndGet(); // a DICOMDIR under another name: an index, not an instance
        } else {
          count(f.toString(), e);
        }
      } catch (IOException | RuntimeException e) {
        failed.incrementAndGet();
        problems.add(f + ": " + e.getMessage());
      }
    });
  }

  private void importZip(Path zip) throws IOException {
    try (ZipInputStream z = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        if (e.isDirectory() || e.getName().toUpperCase(Locale.ROOT).endsWith("DICOMDIR")) continue;
        String name = zip + "!" + e.getName();
        try {
          count(ingest.ingestFile(z, Source.importOf(name)));
        } catch (IngestException ex) {
          count(name, ex);
        }
      }
    }
  }

  private void importDicomdir(Path dicomdir) throws IOException {
    DicomFile dir = DicomReader.readFile(dicomdir);
    Path base = dicomdir.toAbsolutePath().getParent();
    Sequence records = dir.dataset().getSequence(Tag.DirectoryRecordSequence).orElse(null);
    if (records == null) {
      problems.add(dicomdir + ": no directory records");
      return;
    }
    for (Dataset r : records) {
      String[] id = r.getStrings(Tag.ReferencedFileID);
      if (id.length == 0) continue;
      Path f = base;
      for (String part : id) f = f.resolve(part);
      if (!f.normalize().startsWith(base)) {
        failed.incrementAndGet();
        problems.add(dicomdir + ": record refers outside the medium: " + String.join("\\", id));
        continue;
      }
      if (!Files.exists(f)) {
        // Media written on case-insensitive systems: try the lower-case name.
        Path lower = base;
        for (String part : id) lower = lower.resolve(part.toLowerCase(Locale.ROOT));
        f = Files.exists(lower) ? lower : f;
      }
      if (Files.exists(f)) {
        submitFile(f);
      } else {
        failed.incrementAndGet();
        problems.add(dicomdir + ": referenced file missing: " + f);
      }
    }
  }

  private void count(IngestResult r) {
    bytes.addAndGet(r.object().size());
    switch (r.outcome().kind()) {
      case STORED -> stored.incrementAndGet();
      case IDENTICAL -> identical.incrementAndGet();
      case REPLACED, KEPT_AS_EARLIER_VERSION -> replaced.incrementAndGet();
    }
  }

  private void count(String what, IngestException e) {
    switch (e.reason()) {
      case DUPLICATE -> refusedDuplicates.incrementAndGet();
      case CANNOT_UNDERSTAND -> notDicom.incrementAndGet();
      default -> {
        failed.incrementAndGet();
        problems.add(what + ": " + e.getMessage());
      }
    }
  }

  private static boolean isZip(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes(4);
      return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }
  }

  private static boolean isDicomdir(Path p) {
    try {
      DicomFile f = DicomReader.readFile(p, ReadOptions.DEFAULT.withStopBefore(0x00080000));
      return f.fileMeta().getString(Tag.MediaStorageSOPClassUID).map(MEDIA_STORAGE_DIRECTORY::equals).orElse(false);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

}
