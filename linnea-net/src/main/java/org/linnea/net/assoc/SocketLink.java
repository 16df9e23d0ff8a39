package org.linnea.net.assoc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A {@link Link} over a TCP socket, with TCP_NODELAY on and buffered streams; optionally TLS
 * ({@link SecureTransport}) layered over the TCP socket.
 *
 * <p>A TLS handshake is bounded in total by its timeout, not only per read: a peer that trickles
 * bytes is cut off too. Closing a TLS link sends close_notify when it can within a second, then
 * closes the TCP socket in any case, so that closing never waits on a peer that stopped reading.
 */
public final class SocketLink implements Link {
  private static final int BUFFER = 64 * 1024;
  private static final Duration CLOSE_NOTIFY_WAIT = Duration.ofSeconds(1);

  private final Socket socket;
  private final Socket tcp;
  private final InputStream in;
  private final OutputStream out;
  private final String remote;
  private final String host;

  public SocketLink(Socket socket) throws IOException {
    this(socket, socket);
  }

  private SocketLink(Socket socket, Socket tcp) throws IOException {
    this.socket = socket;
    this.tcp = tcp;
    tcp.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    InetSocketAddress a = (InetSocketAddress) tcp.getRemoteSocketAddress();
    this.host = a == null ? "" : a.getAddress().getHostAddress();
    this.remote = a == null ? "?" : host + ":" + a.getPort();
  }

  /** Connects to {@code host:port} within {@code connectTimeoutMillis}. */
  public static SocketLink connect(String host, int port, int connectTimeoutMillis) throws IOException {
    return connect(host, port, connectTimeoutMillis, null, 0);
  }

  /**
   * Connects to {@code host:port} within {@code connectTimeoutMillis} and, when {@code tls} is not
   * null, completes a TLS handshake within {@code handshakeTimeoutMillis}.
   *
   * @throws javax.net.ssl.SSLException when the handshake fails (untrusted certificate, no common
   *     protocol or suite, client certificate required)
   */
  public static SocketLink connect(String host, int port, int connectTimeoutMillis, SecureTransport tls, int handshakeTimeoutMillis)
      throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      if (tls == null) {
        return new SocketLink(s);
      }
      return secured(tls.clientSide(s, host, port), s, handshakeTimeoutMillis);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * The server side of a TLS connection accepted on {@code tcp}: completes the handshake within
   * {@code handshakeTimeoutMillis}. On failure the connection is closed and the exception thrown.
   */
  public static SocketLink acceptTls(Socket tcp, SecureTransport tls, int handshakeTimeoutMillis) throws IOException {
    try {
      return secured(tls.serverSide(tcp), tcp, handshakeTimeoutMillis);
    } catch (IOException | RuntimeException e) {
      tcp.close();
      throw e;
    }
  }

  private static SocketLink secured(SSLSocket ssl, Socket tcp, int timeoutMillis) throws IOException {
    handshake(ssl, tcp, timeoutMillis);
    return new SocketLink(ssl, tcp);
  }

  private static void handshake(SSLSocket ssl, Socket tcp, int timeoutMillis) throws IOException {
    int t = timeoutMillis <= 0 ? 10_000 : timeoutMillis;
    ssl.setSoTimeout(t);
    // A whole-handshake deadline: closing the TCP socket ends a handshake that trickles along.
    Thread watchdog = Thread.ofVirtual().name("tls-handshake-deadline").start(() -> {
      try {
        Thread.sleep(t);
        tcp.close();
      } catch (InterruptedException | IOException done) {
        // handshake finished in time
      }
    });
    try {
      ssl.startHandshake();
    } catch (IOException e) {
      if (!watchdog.isAlive()) {
        throw new javax.net.ssl.SSLException("TLS handshake not completed within " + t + " ms", e);
      }
      throw e;
    } finally {
      watchdog.interrupt();
    }
    ssl.setSoTimeout(0);
  }

  /** The TLS session (protocol, suite, peer certificates), or null for a plain TCP link. */
  public SSLSession tlsSession() {
    return socket instanceof SSLSocket ssl ? ssl.getSession() : null;
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
    if (socket != tcp && !tcp.isClosed()) {
      // close_notify may wait for a writer stuck on a peer that stopped reading: give it a second.
      Thread t = Thread.ofVirtual().start(() -> closeQuietly(socket));
      try {
        t.join(CLOSE_NOTIFY_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly(tcp);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing: nothing more to do
    }
  }
}
