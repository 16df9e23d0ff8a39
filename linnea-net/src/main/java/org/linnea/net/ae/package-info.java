/**
 * Application entity configuration (PS3.8 section 7.1.1.5 AE titles, PS3.7 D.3.3.7 user identity):
 * the local AE titles answered to, known remote AEs (C-MOVE destinations), an allow-list of calling
 * AEs with their addresses, and the pluggable user identity check. Immutable records, frozen before
 * a server starts; nothing here opens a socket.
 */
package org.linnea.net.ae;
