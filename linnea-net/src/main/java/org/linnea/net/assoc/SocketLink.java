package org.linnea.net.assoc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A {@link Link} over a TCP socket, with TCP_NODELAY on and buffered streams. */
public final class SocketLink implements Link {
  private static final int BUFFER = 64 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String remote;
  private final String host;

  public SocketLink(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    InetSocketAddress a = (InetSocketAddress) socket.getRemoteSocketAddress();
    this.host = a == null ? "" : a.getAddress().getHostAddress();
    this.remote = a == null ? "?" : host + ":" + a.getPort();
  }

  /** Connects to {@code host:port} within {@code connectTimeoutMillis}. */
  public static SocketLink connect(String host, int port, int connectTimeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      return new SocketLink(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public InputStream input() {
    return in;
  }

  @Override
  public OutputStream output() {
    return out;
  }

  @Override
  public void setReadTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public String remoteAddress() {
    return remote;
  }

  @Override
  public String remoteHost() {
    return host;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing more to do
    }
  }
}
