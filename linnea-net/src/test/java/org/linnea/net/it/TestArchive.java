package org.linnea.net.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.linnea.dicom.Tag;
import org.linnea.dicom.VR;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomFile;
import org.linnea.dicom.io.DicomReader;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.ReadOptions;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.net.dimse.CFindHandler;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomServiceException;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.FileInstance;
import org.linnea.net.dimse.QueryRequest;
import org.linnea.net.dimse.Status;
import org.linnea.net.dimse.StoreRequest;

/**
 * Test handlers: C-STORE writes each object as a Part 10 file into a folder (dataset bytes exactly
 * as received); C-FIND, C-MOVE and C-GET answer from the files in that folder, matching keys by
 * equality or * and ? wildcards. Not an archive: a linear scan per query.
 */
public final class TestArchive {
  private final Path dir;

  public TestArchive(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public DicomServices services() {
    return new DicomServices().onStore(this::store).onFind(this::find).onMove(this::retrieve).onGet(this::retrieve);
  }

  public void store(StoreRequest rq, InputStream data) throws IOException {
    Path tmp = Files.createTempFile(dir, "rcv", ".part");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      Dataset meta = FileMetaInformation.create(rq.sopClassUid(), rq.sopInstanceUid(), rq.transferSyntax());
      TransferSyntax metaOnly = new TransferSyntax(rq.transferSyntax(), true, false, false, true);
      DicomWriter w = new DicomWriter(out);
      w.writeFile(null, meta, new Dataset(), metaOnly);
      w.flush();
      data.transferTo(out);
    }
    Files.move(tmp, dir.resolve(rq.sopInstanceUid() + ".dcm"), StandardCopyOption.REPLACE_EXISTING);
  }

  private List<DicomFile> files() throws IOException {
    List<DicomFile> l = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
        l.add(DicomReader.readFile(p, ReadOptions.DEFAULT.withStopBefore(Tag.PixelData)));
      }
    }
    return l;
  }

  private static int levelKey(String level) throws DicomServiceException {
    return switch (level) {
      case "PATIENT" -> Tag.PatientID;
      case "STUDY" -> Tag.StudyInstanceUID;
      case "SERIES" -> Tag.SeriesInstanceUID;
      case "IMAGE" -> Tag.SOPInstanceUID;
      default -> throw new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "bad Query/Retrieve Level " + level, null, Tag.QueryRetrieveLevel);
    };
  }

  private static boolean matches(Dataset keys, Dataset file) {
    for (int i = 0; i < keys.size(); i++) {
      int tag = keys.tagAt(i);
      if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet || keys.vrAt(i) == VR.SQ) {
        continue;
      }
      String want = keys.getString(tag).orElse("");
      if (want.isEmpty()) {
        continue;
      }
      String have = file.getString(tag).orElse("");
      if (tag == Tag.SOPInstanceUID || tag == Tag.SeriesInstanceUID || tag == Tag.StudyInstanceUID) {
        if (!List.of(keys.getStrings(tag)).contains(have)) {
          return false;
        }
        continue;
      }
      String regex = Pattern.quote(want).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
      if (!Pattern.matches(regex, have)) {
        return false;
      }
    }
    return true;
  }

  private Map<String, DicomFile> select(Dataset keys) throws IOException, DicomServiceException {
    String level = keys.getString(Tag.QueryRetrieveLevel).orElseThrow(
        () -> new DicomServiceException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "no Query/Retrieve Level", null, Tag.QueryRetrieveLevel));
    int key = levelKey(level);
    Map<String, DicomFile> hits = new LinkedHashMap<>();
    for (DicomFile f : files()) {
      if (matches(keys, f.dataset())) {
        hits.putIfAbsent(f.dataset().getString(key).orElse(""), f);
      }
    }
    return hits;
  }

  public void find(QueryRequest rq, CFindHandler.FindResponder responder) throws DicomServiceException, IOException {
    Dataset keys = rq.identifier().dataset();
    for (DicomFile f : select(keys).values()) {
      if (responder.isCancelled()) {
        return;
      }
      Dataset match = new Dataset();
      for (int i = 0; i < keys.size(); i++) {
        int tag = keys.tagAt(i);
        VR vr = keys.vrAt(i);
        if (vr == VR.SQ) {
          continue;
        }
        String[] values = tag == Tag.QueryRetrieveLevel ? keys.getStrings(tag) : f.dataset().getStrings(tag);
        match.setString(tag, vr, values);
      }
      responder.match(DataWriter.of(match));
    }
  }

  public List<FileInstance> retrieve(QueryRequest rq) throws DicomServiceException, IOException {
    Dataset keys = rq.identifier().dataset();
    String level = keys.getString(Tag.QueryRetrieveLevel).orElse("");
    int key = levelKey(level);
    List<FileInstance> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
        DicomFile f = DicomReader.readFile(p, ReadOptions.DEFAULT.withStopBefore(Tag.PixelData));
        if (matches(keys, f.dataset()) && f.dataset().contains(key)) {
          out.add(FileInstance.of(p));
        }
      }
    }
    return out;
  }
}
