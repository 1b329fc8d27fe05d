package org.weasis.progressive.weasis.internal.load;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the core's embedded HttpClient from logging below INFO inside Weasis. Weasis 4.7 leaves
 * logback's root logger at DEBUG (it sets a level only for its optional log file), and at DEBUG
 * HttpClient's {@code org.apache.hc.client5.http.headers} and {@code ...wire} loggers print every
 * request header (Authorization included) and every byte of every frame: a credential leak, and
 * tens of megabytes of console output per study that slowed a 64-image load many times over.
 * Logback is Weasis' backend (its system bundle exports it); it is reached by reflection so that the
 * bundle does not depend on it, and nothing happens with another backend.
 */
final class HttpClientLogLevel {
  private static final Logger LOG = LoggerFactory.getLogger(HttpClientLogLevel.class);
  private static final String HTTP_CLIENT = "org.apache.hc";

  private HttpClientLogLevel() {}

  /** Raises the HttpClient loggers to INFO when they would log debug output. */
  static void capAtInfo() {
    Logger logger = LoggerFactory.getLogger(HTTP_CLIENT);
    if (!logger.isDebugEnabled()) {
      return;
    }
    try {
      Class<?> levelClass = logger.getClass().getClassLoader().loadClass("ch.qos.logback.classic.Level");
      Object info = levelClass.getField("INFO").get(null);
      Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
      setLevel.invoke(logger, info);
      LOG.info("HttpClient logging capped at INFO: at DEBUG it prints request headers and frame bytes");
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("HttpClient logs at DEBUG (request headers included) and its level cannot be set here: {}",
          e.toString());
    }
  }
}
