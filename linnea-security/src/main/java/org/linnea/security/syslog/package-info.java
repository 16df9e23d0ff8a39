/**
 * Forwarding audit messages over syslog: RFC 5424 messages, sent over TLS (RFC 5425) with its
 * octet-counting framing, as IHE ATNA and DICOM PS3.15 A.5 describe (facility 10, severity 5,
 * MSGID {@code IHE+RFC-3881}, the audit XML as the message).
 */
package org.linnea.security.syslog;
