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
 * <p><b>Threads.</b> One virtual thread per association reads; C-STORE and C-ECHO are handled on
 * it, in order. C-FIND, C-MOVE and C-GET run on a virtual thread of their own so that the reader
 * stays free to receive C-CANCEL and, for C-GET, the C-STORE responses of the sub-operations. See
 * {@code org.linnea.net.assoc} for why virtual threads.
 */
package org.linnea.net.dimse;
