package org.linnea.web;

/** A request that gets an HTTP error status, with the message the client is told. */
final class WebException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  WebException(int status, String message) {
    super(message);
    this.status = status;
  }

  WebException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  int status() {
    return status;
  }

  static WebException badRequest(String message) {
    return new WebException(400, message);
  }

  static WebException notFound(String message) {
    return new WebException(404, message);
  }

  static WebException notAcceptable(String message) {
    return new WebException(406, message);
  }
}
