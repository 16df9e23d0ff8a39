package org.linnea.index;

/** A remote application entity remembered by the index (added at run time). */
public record RemoteAeEntry(String aeTitle, String host, int port) {}
