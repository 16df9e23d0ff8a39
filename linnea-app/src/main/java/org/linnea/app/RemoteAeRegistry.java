package org.linnea.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.linnea.app.config.Configuration;
import org.linnea.index.Index;
import org.linnea.index.RemoteAeEntry;

/**
 * The remote AEs a node knows (C-MOVE destinations), changeable at run time through the admin
 * API and kept in the index so that changes survive a restart. Those in the configuration are
 * written to the index at start-up (a configured AE removed at run time returns at the next
 * start while it stays in the configuration).
 */
public final class RemoteAeRegistry {
  private final Index index;
  private final List<Consumer<List<Configuration.RemoteAe>>> listeners = new CopyOnWriteArrayList<>();

  public RemoteAeRegistry(Index index, List<Configuration.RemoteAe> configured) {
    this.index = index;
    for (Configuration.RemoteAe ae : configured) {
      index.putRemoteAe(new RemoteAeEntry(ae.aeTitle(), ae.host(), ae.port(), ae.tls()));
    }
  }

  /** Calls {@code listener} with the full list after every change (the DICOM server's C-MOVE destinations). */
  public void onChange(Consumer<List<Configuration.RemoteAe>> listener) {
    listeners.add(listener);
  }

  public List<Configuration.RemoteAe> list() {
    return index.remoteAes().stream().map(e -> new Configuration.RemoteAe(e.aeTitle(), e.host(), e.port(), e.tls())).toList();
  }

  public Optional<Configuration.RemoteAe> get(String aeTitle) {
    return list().stream().filter(a -> a.aeTitle().equals(aeTitle)).findFirst();
  }

  /** Adds or replaces; returns whether it existed. */
  public synchronized boolean put(Configuration.RemoteAe ae) {
    boolean existed = get(ae.aeTitle()).isPresent();
    index.putRemoteAe(new RemoteAeEntry(ae.aeTitle(), ae.host(), ae.port(), ae.tls()));
    changed();
    return existed;
  }

  public synchronized boolean remove(String aeTitle) {
    boolean removed = index.removeRemoteAe(aeTitle);
    if (removed) changed();
    return removed;
  }

  private void changed() {
    List<Configuration.RemoteAe> now = list();
    listeners.forEach(l -> l.accept(now));
  }
}
