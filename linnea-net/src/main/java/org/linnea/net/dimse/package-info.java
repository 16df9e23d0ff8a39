/**
 * DIMSE-C services of PS3.7 (sections 9.1 and 9.3, Annex E): C-ECHO, C-STORE, C-FIND, C-MOVE,
 * C-GET and C-CANCEL as service user and service provider, with the statuses of PS3.4 Annexes A, B
 * and C.
 *
 * <ul>
 *   <li>{@link org.linnea.net.dimse.Command}: a command set (group 0000, always Implicit VR Little
 *       Endian, PS3.7 section 6.3.1) with its own small codec;
 *   <li>{@link org.linnea.net.dimse.DimseAssociation}: an association as the DIMSE layer sees it:
 *       one reading thread that assembles messages and dispatches them, and the SCU operations;
 *   <li>{@link org.linnea.net.dimse.DicomServer} with {@link org.linnea.net.dimse.DicomServices}:
 *       the service provider, handlers registered per service and SOP class;
 *   <li>{@link org.linnea.net.dimse.DicomClient}: opens associations as service user;
 *   <li>{@link org.linnea.net.dimse.DicomServiceException}: a failure that is the DIMSE response.
 * </ul>
 *
 * <p><b>Streaming.</b> A C-STORE data set is never held in memory: the handler reads it from an
 * {@link java.io.InputStream} over the PDV fragments as they come off the socket, on the
 * association's reading thread; the sender writes fragments straight from its source. Identifiers
 * of C-FIND, C-MOVE and C-GET (small) are buffered, bounded by {@link
 * org.linnea.net.dimse.DimseAssociation#MAX_IDENTIFIER_LENGTH}.
 *
 * <p><b>Threads.</b> One thread per association reads; C-STORE and C-ECHO are handled on it, in
 * order. C-FIND, C-MOVE and C-GET run on a virtual thread of their own so that the reader stays free
 * to receive C-CANCEL and, for C-GET, the C-STORE responses of the sub-operations.
 *
 * <p>The readers are <em>platform</em> threads, although virtual threads were the starting choice
 * and remain one system property away ({@code -Dlinnea.net.virtualReaders=true}). The reason is
 * measured, not principled: a C-STORE of a 0.5 MB CT arrives as several PDUs, and nearly every
 * read of an association that keeps up with its peer blocks; on a virtual thread each such read
 * parks, goes through the JDK's poller thread and is rescheduled on a carrier, two extra thread
 * hand-offs per read. With one association from storescu on 2 cores that cost about a quarter of
 * the throughput against a platform thread, whose blocking read wakes in the kernel directly. The
 * price of platform threads is a reserved stack per association, which is fine for the hundreds to
 * low thousands of associations a PACS node carries (200 concurrent associations are tested); the
 * virtual threads' strength, millions of mostly idle connections, is not DICOM's load.
 */
package org.linnea.net.dimse;
