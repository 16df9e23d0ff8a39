package org.linnea.net.assoc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The transport connection under an association (PS3.8 section 9.1): a TCP socket in production,
 * an in-memory pipe in the protocol tests.
 */
public interface Link extends Closeable {
  InputStream input();

  OutputStream output();

  /** Timeout of subsequent blocking reads, in milliseconds; 0 waits forever. */
  void setReadTimeout(int millis) throws IOException;

  /** The peer's address, for logs: {@code host:port}. */
  String remoteAddress();

  /** The peer's IP address, for allow-lists; empty when unknown. */
  String remoteHost();

  /** Closes the connection; unblocks a reader or writer stuck in it. Idempotent. */
  @Override
  void close();
}
