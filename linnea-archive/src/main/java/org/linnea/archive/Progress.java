package org.linnea.archive;

/** Told how a long task advances: objects done so far, of how many (-1 when not known yet). */
@FunctionalInterface
public interface Progress {
  void update(long done, long total);

  Progress NONE = (done, total) -> {};
}
