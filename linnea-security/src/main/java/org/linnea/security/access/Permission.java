package org.linnea.security.access;

/**
 * What a principal may do. Data permissions act on the studies of one organisation; node
 * permissions act on the node as a whole (its configuration, its accounts, its audit log), which
 * belongs to the organisation that runs the node.
 */
public enum Permission {
  /** Find patients, studies, series and instances (C-FIND, QIDO-RS). */
  QUERY(true),
  /** Read objects (C-MOVE, C-GET, WADO, the viewer). */
  RETRIEVE(true),
  /** Add objects (C-STORE, STOW-RS, import). */
  STORE(true),
  /** Remove studies, series or instances. */
  DELETE(true),
  /** Grant another organisation read access to a study. */
  SHARE(true),
  /** Send data out of the archive (download as files, media, another node). */
  EXPORT(true),
  /** Read and search the audit log. */
  AUDIT_READ(false),
  /** Change the node's configuration. */
  CONFIGURE(false),
  /** Add, change and remove accounts and API keys. */
  MANAGE_USERS(false);

  private final boolean data;

  Permission(boolean data) {
    this.data = data;
  }

  /** Whether this permission acts on studies (and so may be widened by a sharing grant). */
  public boolean isData() {
    return data;
  }

  /** Whether a sharing grant can give this permission to another organisation: reading only. */
  public boolean isGrantedBySharing() {
    return this == QUERY || this == RETRIEVE;
  }
}
