package org.linnea.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.linnea.dicom.UID;
import org.linnea.net.assoc.AssociationSettings;
import org.linnea.net.dimse.DicomClient;
import org.linnea.net.dimse.DicomServer;
import org.linnea.net.dimse.DicomServices;
import org.linnea.net.dimse.DimseAssociation;
import org.linnea.net.dimse.ServerConfig;
import org.linnea.net.dimse.Status;

/** 200 associations open at once, each doing C-ECHO. */
class ConcurrencyTest {
  @Test
  void twoHundredConcurrentAssociationsEcho() throws Exception {
    int n = 200;
    try (DicomServer server = new DicomServer(ServerConfig.of(0, "LINNEA"), new DicomServices()).start()) {
      DicomClient client = new DicomClient(AssociationSettings.defaults());
      CountDownLatch allOpen = new CountDownLatch(n);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger maxActive = new AtomicInteger();
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        threads.add(Thread.ofVirtual().start(() -> {
          try (DimseAssociation as = client.open("127.0.0.1", server.port(),
              DicomClient.request("CLIENT", "LINNEA").propose(UID.Verification, UID.ImplicitVRLittleEndian))) {
            allOpen.countDown();
            assertThat(allOpen.await(30, TimeUnit.SECONDS)).isTrue();
            maxActive.accumulateAndGet(server.activeAssociations(), Math::max);
            if (as.echo().status() == Status.SUCCESS) {
              ok.incrementAndGet();
            }
          } catch (Throwable e) {
            allOpen.countDown();
            errors.add(e);
          }
        }));
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertThat(errors).isEmpty();
      assertThat(ok.get()).isEqualTo(n);
      assertThat(maxActive.get()).isEqualTo(n);
    }
  }
}
