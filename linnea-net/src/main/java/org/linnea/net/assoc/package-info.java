/**
 * The DICOM upper-layer association, PS3.8 section 9.2: the thirteen states of the association
 * state machine ({@link org.linnea.net.assoc.State}, table 9-10), the ARTIM timer and the other
 * timeouts ({@link org.linnea.net.assoc.AssociationSettings}), negotiation by the acceptor ({@link
 * org.linnea.net.assoc.Negotiator}), P-DATA-TF fragmentation ({@link
 * org.linnea.net.assoc.PdvOutputStream}), release (with collision) and abort.
 *
 * <p><b>Threads.</b> Each association is read by exactly one thread, which pulls PDUs with {@link
 * org.linnea.net.assoc.Association#nextPData()}; blocking I/O keeps the code sequential, which is
 * how PS3.8 describes the protocol, and a slow, silent or hostile peer holds nothing but its own
 * thread until a timeout cuts it off. Which kind of thread is the DIMSE layer's choice (see {@code
 * org.linnea.net.dimse}): the code here works on either. Locks are {@link
 * java.util.concurrent.locks.ReentrantLock}s, not {@code synchronized}, so that a virtual thread
 * blocked while holding one never pins its carrier on JDK 21.
 *
 * <p><b>Timeouts.</b> Reads use socket read timeouts chosen by state: ARTIM while waiting for the
 * A-ASSOCIATE-RQ (Sta2), for the A-ASSOCIATE-AC (Sta5) and for the transport to close (Sta13); the
 * idle timeout between PDUs of an established association; the read timeout inside a PDU. Writes
 * cannot time out in {@code java.net}, so a shared watchdog closes the socket of an association
 * whose write has been blocked longer than the write timeout (a peer that stopped reading).
 *
 * <p><b>TLS.</b> PS3.15 Annex B secure transport: {@link org.linnea.net.assoc.SecureTransport} holds
 * a JDK {@code SSLContext} and the parameters (protocols, suites, client certificates) chosen by the
 * caller; {@link org.linnea.net.assoc.SocketLink} layers TLS over the TCP socket and bounds the
 * whole handshake by the ARTIM timeout.
 */
package org.linnea.net.assoc;
