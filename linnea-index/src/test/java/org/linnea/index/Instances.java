package org.linnea.index;

import java.time.Instant;

/** Instance records for tests, with sensible defaults and withers for what a test cares about. */
public record Instances(InstanceRecord r) {
  private static int counter;

  public static synchronized InstanceRecord make(String patientId, String name, String studyUid, String date, String time, String accession,
      String seriesUid, String modality, String sopUid) {
    counter++;
    String sha = String.format("%064x", (long) sopUid.hashCode() & 0xffffffffL);
    return new InstanceRecord(Index.DEFAULT_ORGANISATION, patientId, "", name, "19700101", "O", studyUid, date, time, accession, "S1",
        "Ref^Doctor", "Study " + studyUid, seriesUid, modality, 1, "Series " + seriesUid, "1.2.840.10008.5.1.4.1.1.2", sopUid, counter,
        "1.2.840.10008.1.2.1", sha, 1000, sha, 300, Instant.now(), "TEST");
  }

  public static InstanceRecord withSha(InstanceRecord r, String sha, Instant at) {
    return new InstanceRecord(r.organisation(), r.patientId(), r.issuerOfPatientId(), r.patientName(), r.patientBirthDate(), r.patientSex(),
        r.studyUid(), r.studyDate(), r.studyTime(), r.accessionNumber(), r.studyId(), r.referringPhysicianName(), r.studyDescription(),
        r.seriesUid(), r.modality(), r.seriesNumber(), r.seriesDescription(), r.sopClassUid(), r.sopInstanceUid(), r.instanceNumber(),
        r.transferSyntax(), sha, r.size(), sha, r.dataOffset(), at, r.source());
  }
}
