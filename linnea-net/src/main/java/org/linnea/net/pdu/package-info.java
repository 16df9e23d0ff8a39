/**
 * The protocol data units of the DICOM upper layer, PS3.8 section 9.3: A-ASSOCIATE-RQ/AC/RJ with
 * their items and user-information sub-items (PS3.7 Annex D.3.3), P-DATA-TF with its presentation
 * data values, A-RELEASE-RQ/RP and A-ABORT, as immutable records, and {@link
 * org.linnea.net.pdu.PduCodec} which encodes and decodes them. No sockets here: the codec works on
 * streams and byte arrays, so it is tested and fuzzed without a network.
 *
 * <p>Every malformed input ends in a {@link org.linnea.net.pdu.ProtocolException} carrying the
 * A-ABORT reason the association should send; nothing else escapes the decoder.
 */
package org.linnea.net.pdu;
