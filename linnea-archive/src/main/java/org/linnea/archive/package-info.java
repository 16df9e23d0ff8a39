/**
 * The archive's services over the object store and the index: one per verb, whatever the door.
 *
 * <ul>
 *   <li>{@link org.linnea.archive.IngestService}: stores an instance (a Part 10 stream from import
 *       or STOW-RS, or a bare data set from C-STORE) — streamed to a temporary object while the
 *       header is parsed, committed to the store, then to the index, and only then reported
 *       stored; applies the duplicate SOP Instance UID policy.
 *   <li>{@link org.linnea.archive.QueryService}: C-FIND and QIDO-RS answers from the index.
 *   <li>{@link org.linnea.archive.RetrieveService}: opens the stored objects of studies, series and
 *       instances (C-MOVE, C-GET, WADO).
 *   <li>{@link org.linnea.archive.RecoverySweep}: at start-up, reconciles store and index after a
 *       crash.
 *   <li>{@link org.linnea.archive.ReindexService} rebuilds the index from the store alone;
 *       {@link org.linnea.archive.VerifyService} re-reads every object and reports what is
 *       missing, changed or unindexed.
 * </ul>
 *
 * <p>The store is the source of truth: every object is durable in the store before the index
 * knows of it, so that the index can always be rebuilt from the store.
 */
package org.linnea.archive;
