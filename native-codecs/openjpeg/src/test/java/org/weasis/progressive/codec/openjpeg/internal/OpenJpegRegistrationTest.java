package org.weasis.progressive.codec.openjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.weasis.progressive.api.decoder.FrameDecoder;

class OpenJpegRegistrationTest {
  private final List<Object[]> registered = new ArrayList<>();
  private final List<String> unregistered = new ArrayList<>();

  /** A BundleContext that records registerService calls; nothing else is used. */
  private BundleContext context() {
    ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
          if (method.getName().equals("unregister")) {
            unregistered.add("unregister");
          }
          return null;
        });
    return (BundleContext) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("registerService")) {
            registered.add(args);
            return registration;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static OpenJpegRegistration.Config config(int threads) {
    return new OpenJpegRegistration.Config() {
      @Override
      public int threads() {
        return threads;
      }

      @Override
      public Class<? extends java.lang.annotation.Annotation> annotationType() {
        return OpenJpegRegistration.Config.class;
      }
    };
  }

  @Test
  void whenTheLibraryLoadsOneDecoderIsRegisteredForEveryJpeg2000TransferSyntax() {
    OpenJpegRegistration registration = new OpenJpegRegistration();

    registration.activate(context(), config(2));
    registration.deactivate();

    assertEquals(1, registered.size());
    Object[] call = registered.get(0);
    assertEquals(FrameDecoder.class, call[0]);
    assertInstanceOf(OpenJpegDecoder.class, call[1]);
    Dictionary<?, ?> properties = (Dictionary<?, ?>) call[2];
    assertArrayEquals(OpenJpegDecoder.TRANSFER_SYNTAXES.toArray(String[]::new),
        (String[]) properties.get(FrameDecoder.TRANSFER_SYNTAX));
    assertTrue(properties.get("service.description").toString().startsWith("OpenJPEG 2.5"));
    assertEquals(List.of("unregister"), unregistered);
  }
}
