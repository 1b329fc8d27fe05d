package org.weasis.progressive.codec.charls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.weasis.progressive.api.TransferSyntax;
import org.weasis.progressive.api.decoder.FrameDecoder;

/** The component registers the Java decoder without loading CharLS, and takes it away on deactivation. */
class CharlsComponentTest {
  private final List<Object> registered = new ArrayList<>();
  private final List<Dictionary<?, ?>> properties = new ArrayList<>();
  private final List<String> unregistered = new ArrayList<>();

  @Test
  void oneDecoderIsRegisteredForBothJpegLsTransferSyntaxes() {
    new CharlsComponent().activate(context());

    assertEquals(1, registered.size());
    assertInstanceOf(JpegLsFrameDecoder.class, registered.getFirst());
    assertArrayEquals(
        new String[] {TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS},
        (String[]) properties.getFirst().get(FrameDecoder.TRANSFER_SYNTAX));
  }

  @Test
  void deactivationUnregistersTheDecoder() {
    CharlsComponent component = new CharlsComponent();
    component.activate(context());

    component.deactivate();
    component.deactivate();

    assertEquals(List.of("unregister"), unregistered);
  }

  /** A BundleContext that records registerService and hands out registrations recording unregister. */
  private BundleContext context() {
    ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
          unregistered.add(method.getName());
          return null;
        });
    return (BundleContext) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
          if (!method.getName().equals("registerService")) {
            throw new UnsupportedOperationException(method.getName());
          }
          registered.add(args[1]);
          properties.add((Dictionary<?, ?>) args[2]);
          return registration;
        });
  }
}
