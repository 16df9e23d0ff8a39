/**
 * TLS for HTTPS and DICOM TLS (PS3.15 Annex B, "Secure Transport Connection Profiles", in the BCP
 * 195 form of RFC 9325): TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites only, optional or
 * required client certificates; contexts made from PEM files or from a self-signed development
 * certificate generated with BouncyCastle. TLS itself is the JDK's.
 */
package org.linnea.security.tls;
