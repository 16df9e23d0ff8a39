package org.linnea.net.pdu;

/**
 * SCP/SCU role selection sub-item (PS3.7 Annex D.3.3.4): which roles the requestor proposes (or the
 * acceptor accepts) for a SOP class. C-GET needs the requestor to be SCP of the storage classes.
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {}
