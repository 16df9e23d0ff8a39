/**
 * Who is calling over DICOM: the calling-AE allow-list with addresses (each AE mapped to an
 * organisation and roles), and User Identity Negotiation (PS3.7 Annex D.3.3.7: user name and
 * passcode, or a JWT) checked against the same accounts and token validator as HTTP. No sockets
 * here: {@code linnea-net}'s association acceptor calls these with what the A-ASSOCIATE-RQ carried.
 */
package org.linnea.security.dicom;
