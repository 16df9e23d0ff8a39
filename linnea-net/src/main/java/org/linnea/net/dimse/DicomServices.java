package org.linnea.net.dimse;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.linnea.dicom.UID;

/**
 * The handlers of a service provider, by service and SOP class. Register everything before the
 * server starts:
 *
 * <pre>{@code
 * DicomServices services = new DicomServices()
 *     .onStore(ingest::store)                       // every storage SOP class
 *     .onFind(query::find, UID.StudyRootQueryRetrieveInformationModelFind)
 *     .onMove(retrieve::resolve, UID.StudyRootQueryRetrieveInformationModelMove)
 *     .onGet(retrieve::resolve, UID.StudyRootQueryRetrieveInformationModelGet);
 * }</pre>
 *
 * Verification is always answered (success unless {@link #onEcho} says otherwise). The first
 * handler registered for a SOP class wins.
 */
public final class DicomServices {
  /** Prefix of the standard storage SOP classes, PS3.4 B.5. */
  private static final String STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.";

  private record Entry<H>(Predicate<String> sopClasses, H handler) {}

  private volatile CEchoHandler echo = (as, rq) -> {};
  private final List<Entry<CStoreHandler>> store = new CopyOnWriteArrayList<>();
  private final List<Entry<CFindHandler>> find = new CopyOnWriteArrayList<>();
  private final List<Entry<RetrieveHandler>> move = new CopyOnWriteArrayList<>();
  private final List<Entry<RetrieveHandler>> get = new CopyOnWriteArrayList<>();

  /**
   * Whether a SOP class is a storage SOP class: a standard one (PS3.4 B.5, under
   * 1.2.840.10008.5.1.4.1.1) or a private one (outside 1.2.840.10008).
   */
  public static boolean isStorageSopClass(String uid) {
    return uid.startsWith(STORAGE_PREFIX) || !uid.startsWith("1.2.840.10008.");
  }

  public DicomServices onEcho(CEchoHandler handler) {
    this.echo = handler;
    return this;
  }

  /** Registers a storage handler for every storage SOP class. */
  public DicomServices onStore(CStoreHandler handler) {
    store.add(new Entry<>(DicomServices::isStorageSopClass, handler));
    return this;
  }

  public DicomServices onStore(CStoreHandler handler, String... sopClasses) {
    store.add(new Entry<>(List.of(sopClasses)::contains, handler));
    return this;
  }

  /** Registers a query handler; without SOP classes, for the patient- and study-root models. */
  public DicomServices onFind(CFindHandler handler, String... sopClasses) {
    find.add(new Entry<>(classes(sopClasses, UID.PatientRootQueryRetrieveInformationModelFind, UID.StudyRootQueryRetrieveInformationModelFind), handler));
    return this;
  }

  public DicomServices onMove(RetrieveHandler handler, String... sopClasses) {
    move.add(new Entry<>(classes(sopClasses, UID.PatientRootQueryRetrieveInformationModelMove, UID.StudyRootQueryRetrieveInformationModelMove), handler));
    return this;
  }

  public DicomServices onGet(RetrieveHandler handler, String... sopClasses) {
    get.add(new Entry<>(classes(sopClasses, UID.PatientRootQueryRetrieveInformationModelGet, UID.StudyRootQueryRetrieveInformationModelGet), handler));
    return this;
  }

  private static Predicate<String> classes(String[] given, String... defaults) {
    return List.of(given.length == 0 ? defaults : given)::contains;
  }

  private static <H> Optional<H> lookup(List<Entry<H>> entries, String sopClass) {
    for (Entry<H> e : entries) {
      if (e.sopClasses().test(sopClass)) {
        return Optional.of(e.handler());
      }
    }
    return Optional.empty();
  }

  public CEchoHandler echoHandler() {
    return echo;
  }

  public Optional<CStoreHandler> storeHandler(String sopClass) {
    return lookup(store, sopClass);
  }

  public Optional<CFindHandler> findHandler(String sopClass) {
    return lookup(find, sopClass);
  }

  public Optional<RetrieveHandler> moveHandler(String sopClass) {
    return lookup(move, sopClass);
  }

  public Optional<RetrieveHandler> getHandler(String sopClass) {
    return lookup(get, sopClass);
  }

  /** Whether any C-GET handler is registered (storage contexts are then accepted for sending). */
  public boolean hasGetHandler() {
    return !get.isEmpty();
  }

  /** What kind of service, if any, answers an abstract syntax. */
  public enum Kind { VERIFICATION, STORAGE, QUERY, RETRIEVE, NONE }

  public Kind kindOf(String abstractSyntax) {
    if (UID.Verification.equals(abstractSyntax)) {
      return Kind.VERIFICATION;
    }
    if (findHandler(abstractSyntax).isPresent()) {
      return Kind.QUERY;
    }
    if (moveHandler(abstractSyntax).isPresent() || getHandler(abstractSyntax).isPresent()) {
      return Kind.RETRIEVE;
    }
    if (storeHandler(abstractSyntax).isPresent()) {
      return Kind.STORAGE;
    }
    return Kind.NONE;
  }
}
