package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;

class SliceOrderTest {
  private static final URI SERIES_URL = URI.create("http://127.0.0.1:1/studies/1.2/series/1.2.3");
  private static final String AXIAL = "1,0,0,0,1,0";

  @Test
  void framesFollowThePositionAlongTheSliceNormalWhenInstanceNumbersAreShuffled() throws Exception {
    // Slice k lies at z = 2.5 k; its InstanceNumber is a shuffle of 1..6.
    int[] numbers = {4, 1, 6, 2, 5, 3};
    List<String> instances = new ArrayList<>();
    for (int k = 0; k < numbers.length; k++) {
      instances.add(instance("1.2.3." + k, numbers[k], "0,0," + z(k), AXIAL));
    }
    assertEquals(List.of("1.2.3.0", "1.2.3.1", "1.2.3.2", "1.2.3.3", "1.2.3.4", "1.2.3.5"),
        sops(parse(instances)));
  }

  @Test
  void aConsistentlyNumberedSeriesKeepsItsOrderWhicheverWayItRuns() throws Exception {
    // Head first: InstanceNumber 1 at the top (highest z), as many CT scanners number.
    List<String> instances = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      instances.add(instance("1.2.3." + k, k + 1, "0,0," + z(-k), AXIAL));
    }
    assertEquals(List.of("1.2.3.0", "1.2.3.1", "1.2.3.2", "1.2.3.3", "1.2.3.4"), sops(parse(instances)));
  }

  @Test
  void anObliqueStackIsOrderedAlongItsOwnNormalNotAlongZ() throws Exception {
    // Rows along x, columns tilted 45 degrees in y-z, so the normal is (0, -a, a). Slice k lies 2k mm
    // along the normal and is shifted within its plane by {0, -10, 3} mm along the columns: by z alone
    // the order would be 1, 0, 2.
    double a = Math.sqrt(0.5);
    String oblique = String.format(Locale.ROOT, "1,0,0,0,%.7f,%.7f", a, a);
    double[] shift = {0, -10, 3};
    int[] numbers = {1, 3, 2};
    List<String> instances = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      double along = 2.0 * k;
      String position = String.format(Locale.ROOT, "%.5f,%.5f,%.5f", 7.0 * k, -a * along + a * shift[k],
          a * along + a * shift[k]);
      instances.add(instance("1.2.3." + k, numbers[k], position, oblique));
    }
    assertEquals(List.of("1.2.3.0", "1.2.3.1", "1.2.3.2"), sops(parse(instances)));
  }

  @Test
  void instanceNumberIsTheFallbackWhenAnyPositionIsMissing() throws Exception {
    List<String> instances = List.of(
        instance("1.2.3.0", 3, "0,0,0", AXIAL),
        instance("1.2.3.1", 1, null, AXIAL),
        instance("1.2.3.2", 2, "0,0,5", AXIAL));
    assertEquals(List.of("1.2.3.1", "1.2.3.2", "1.2.3.0"), sops(parse(instances)));
  }

  @Test
  void instanceNumberIsTheFallbackForUnusableOrNonParallelGeometry() throws Exception {
    List<String> unusable = List.of(
        instance("1.2.3.0", 2, "0,0,0", AXIAL),
        instance("1.2.3.1", 1, "0,0,\"x\"", AXIAL));
    assertEquals(List.of("1.2.3.1", "1.2.3.0"), sops(parse(unusable)));
    List<String> scout = List.of(
        instance("1.2.3.0", 2, "0,0,0", AXIAL),
        instance("1.2.3.1", 1, "0,0,5", "1,0,0,0,0,-1"));
    assertEquals(List.of("1.2.3.1", "1.2.3.0"), sops(parse(scout)));
  }

  private static String z(int k) {
    return String.format(Locale.ROOT, "%.1f", 2.5 * k);
  }

  private static String instance(String sop, int number, String position, String orientation) {
    StringBuilder json = new StringBuilder("{\"00080018\": {\"vr\": \"UI\", \"Value\": [\"" + sop + "\"]}, ")
        .append("\"00200013\": {\"vr\": \"IS\", \"Value\": [").append(number).append("]}, ");
    if (position != null) {
      json.append("\"00200032\": {\"vr\": \"DS\", \"Value\": [").append(position).append("]}, ");
    }
    json.append("\"00200037\": {\"vr\": \"DS\", \"Value\": [").append(orientation).append("]}, ")
        .append("\"00280010\": {\"vr\": \"US\", \"Value\": [8]}, ")
        .append("\"00280011\": {\"vr\": \"US\", \"Value\": [8]}}");
    return json.toString();
  }

  private static List<ImageRef> parse(List<String> instances) throws MetadataException {
    String json = "[" + String.join(",", instances) + "]";
    return SeriesMetadata.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), SERIES_URL,
        "1.2", "1.2.3");
  }

  private static List<String> sops(List<ImageRef> images) {
    return images.stream().map(ImageRef::sopInstanceUid).toList();
  }
}
