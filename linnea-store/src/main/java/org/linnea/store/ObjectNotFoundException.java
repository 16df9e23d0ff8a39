package org.linnea.store;

/** The object asked for is not in the store. */
public class ObjectNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String key) {
    super("object " + key + " not found");
  }
}
