package org.weasis.progressive.itest.weasis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ERROR entries of a Weasis log the real-Weasis tests count as ours (log lines as Weasis 4.7.2 writes them). */
class ErrorsOfOursTest {
  @Test
  void anErrorLoggedByOurBundleOrThrownFromOurCodeIsOursOthersAreNot() {
    List<String> log = List.of(
        "05.12.2026 17:55:11.788 *INFO * [FelixStartLevel] o.w.p.c.o.i.OpenJpegRegistration: OpenJPEG 2.5.0",
        "05.12.2026 17:55:12.001 *ERROR* [FelixStartLevel] o.w.dicom.viewer3d.View3DFactory: Cannot init OpenGL",
        "05.12.2026 17:55:13.001 *ERROR* [pool-1] o.w.p.c.i.load.SeriesLoad: frame 3 failed",
        "05.12.2026 17:55:14.001 *ERROR* [AWT-EventQueue-0] org.weasis.launcher.WeasisLauncher: Execute command",
        "Caused by: org.apache.felix.gogo.runtime.CommandNotFoundException: Command not found: progressive:rs",
        "05.12.2026 17:55:15.001 *ERROR* [AWT-EventQueue-0] o.w.dicom.viewer2d.View2d: Paint failed",
        "java.lang.IllegalStateException: no raster",
        "\tat org.weasis.progressive.weasis.internal.viewer.Swap.run(Swap.java:12)",
        "05.12.2026 17:55:16.001 *ERROR* [main] org.weasis.pref.AppPreferences: cannot read");

    List<String> ours = RealWeasisIT.errorsOfOurs(log);

    assertEquals(2, ours.size(), ours.toString());
    assertTrue(ours.get(0).contains("SeriesLoad: frame 3 failed"), ours.get(0));
    assertTrue(ours.get(1).contains("View2d: Paint failed") && ours.get(1).contains("Swap.run"), ours.get(1));
  }
}
