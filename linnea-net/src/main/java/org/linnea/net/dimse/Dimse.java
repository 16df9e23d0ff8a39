package org.linnea.net.dimse;

/** The DIMSE-C command fields of PS3.7 section E.1 (tag (0000,0100)). */
public enum Dimse {
  C_STORE_RQ(0x0001),
  C_STORE_RSP(0x8001),
  C_GET_RQ(0x0010),
  C_GET_RSP(0x8010),
  C_FIND_RQ(0x0020),
  C_FIND_RSP(0x8020),
  C_MOVE_RQ(0x0021),
  C_MOVE_RSP(0x8021),
  C_ECHO_RQ(0x0030),
  C_ECHO_RSP(0x8030),
  C_CANCEL_RQ(0x0FFF);

  /** The value of Command Field. */
  public final int commandField;

  Dimse(int commandField) {
    this.commandField = commandField;
  }

  public boolean isResponse() {
    return (commandField & 0x8000) != 0;
  }

  /** The response of a request type. */
  public int responseField() {
    return commandField | 0x8000;
  }

  /** The message type of a command field, or null for one this module does not implement. */
  public static Dimse of(int commandField) {
    for (Dimse d : values()) {
      if (d.commandField == commandField) {
        return d;
      }
    }
    return null;
  }

  /** The PS3.7 name, for example {@code C-STORE-RQ}. */
  public static String name(int commandField) {
    Dimse d = of(commandField);
    return d == null ? String.format("command 0x%04X", commandField) : d.name().replace('_', '-');
  }
}
