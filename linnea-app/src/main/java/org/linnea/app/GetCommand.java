package org.linnea.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.linnea.dicom.UID;
import org.linnea.dicom.data.Dataset;
import org.linnea.dicom.io.DicomWriter;
import org.linnea.dicom.io.FileMetaInformation;
import org.linnea.dicom.io.TransferSyntax;
import org.linnea.net.dimse.DataWriter;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.DimseResponse;
import org.linnea.net.dimse.Status;
import org.linnea.net.dimse.StoreRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code linnea get HOST PORT -k ... --out DIR}: C-GET. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Retrieve matching instances from a DICOM peer over the same association (C-GET) into a folder.",
        "Example: linnea get pacs 104 --aec PACS -k StudyInstanceUID=1.2.3 --out study/",
        "Exit status: 0 when every sub-operation succeeded, 1 otherwise."})
final class GetCommand implements Callable<Integer> {
  @Mixin NetOptions net;
  @Mixin QueryOptions query;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the instances are written to (as SOPInstanceUID.dcm).")
  Path out;

  @Spec CommandSpec spec;

  /** Storage classes proposed (one context each, the peer picks the transfer syntax). */
  static final List<String> STORAGE = List.of(
      UID.CTImageStorage, UID.EnhancedCTImageStorage, UID.MRImageStorage, UID.EnhancedMRImageStorage,
      UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
      UID.DigitalMammographyXRayImageStorageForPresentation, UID.BreastTomosynthesisImageStorage,
      UID.DigitalIntraOralXRayImageStorageForPresentation, UID.UltrasoundImageStorage, UID.UltrasoundMultiFrameImageStorage,
      UID.SecondaryCaptureImageStorage, UID.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
      UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage, UID.MultiFrameTrueColorSecondaryCaptureImageStorage,
      UID.XRayAngiographicImageStorage, UID.XRayRadiofluoroscopicImageStorage, UID.XRay3DAngiographicImageStorage,
      UID.NuclearMedicineImageStorage, UID.PositronEmissionTomographyImageStorage, UID.EnhancedPETImageStorage,
      UID.RTImageStorage, UID.RTDoseStorage, UID.RTStructureSetStorage, UID.RTPlanStorage,
      UID.BasicTextSRStorage, UID.EnhancedSRStorage, UID.ComprehensiveSRStorage, UID.KeyObjectSelectionDocumentStorage,
      UID.GrayscaleSoftcopyPresentationStateStorage, UID.SegmentationStorage, UID.EncapsulatedPDFStorage,
      UID.VLPhotographicImageStorage, UID.VideoEndoscopicImageStorage, UID.OphthalmicPhotography8BitImageStorage,
      UID.RawDataStorage, UID.SpatialRegistrationStorage, UID.TwelveLeadECGWaveformStorage);

  @SuppressWarnings("deprecation")
  static final String[] TRANSFER_SYNTAXES = {
      UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit,
      UID.JPEGExtended12Bit, UID.JPEG2000Lossless, UID.JPEG2000, UID.JPEGLSLossless, UID.RLELossless, UID.ExplicitVRBigEndian};

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Files.createDirectories(out);
    String cuid = query.sopClass("GET");
    DicomClient.Request rq = DicomClient.request(net.callingAe, net.calledAe).propose(cuid, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
    for (String storage : STORAGE) {
      rq.proposeOneContext(storage, TRANSFER_SYNTAXES).scpRole(storage);
    }
    AtomicInteger written = new AtomicInteger();
    DicomClient client = net.client();
    DimseResponse fin;
    try (DimseAssociation as = client.open(net.host, net.port, rq)) {
      fin = as.get(cuid, DataWriter.of(query.identifier(false)), (r, in) -> {
        write(out, r, in);
        written.incrementAndGet();
      }, rsp -> err.printf("linnea: getting: %d remaining, %d completed, %d failed%n", rsp.remaining(), rsp.completed(), rsp.failed()));
    }
    spec.commandLine().getOut().printf("C-GET: %s; %d completed, %d failed, %d warning; %d files written to %s%n",
        Status.describe(fin.status()), fin.completed(), fin.failed(), fin.warning(), written.get(), out);
    if (!Status.isSuccess(fin.status())) {
      err.println("linnea: C-GET ended with " + fin.describe()
          + (fin.failed() > 0 ? " (some instances may be of a SOP class or transfer syntax not proposed)" : ""));
    }
    return Status.isSuccess(fin.status()) ? 0 : 1;
  }

  /** Writes a received data set as a Part 10 file: file meta information, then the bytes as received. */
  static void write(Path dir, StoreRequest rq, InputStream data) throws IOException {
    String name = rq.sopInstanceUid().replaceAll("[^0-9.]", "_") + ".dcm";
    Path tmp = Files.createTempFile(dir, ".receiving", ".part");
    try {
      try (OutputStream o = Files.newOutputStream(tmp)) {
        Dataset meta = FileMetaInformation.create(rq.sopClassUid(), rq.sopInstanceUid(), rq.transferSyntax());
        DicomWriter w = new DicomWriter(o);
        // the data set follows as received (deflated ones too): write the meta only
        w.writeFile(null, meta, new Dataset(), new TransferSyntax(rq.transferSyntax(), true, false, false, true));
        w.flush();
        data.transferTo(o);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
