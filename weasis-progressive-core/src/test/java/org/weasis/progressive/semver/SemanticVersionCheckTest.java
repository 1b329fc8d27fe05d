package org.weasis.progressive.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RetrieveConfiguration;

class SemanticVersionCheckTest {
  private static final String PROVIDER_TYPE = "Store | type public abstract interface p.Store @ProviderType";
  private static final String CONSUMER_TYPE = "Listener | type public abstract interface p.Listener @ConsumerType";
  private static final String SIZE = "Store | method public abstract int size()";
  private static final String ON_EVENT = "Listener | method public abstract void onEvent()";

  @Test
  void aRemovedMethodWithoutAMajorBumpNamesThePackageWhatChangedAndTheVersionItNeeds() {
    PackageSignature recorded = signature("1.4.2", PROVIDER_TYPE, SIZE);
    PackageSignature current = signature("1.5.0", PROVIDER_TYPE);

    String problem = SemanticVersionCheck.problem(recorded, current).orElseThrow();

    assertTrue(problem.startsWith("p is at version 1.5.0 but needs 2.0.0 (recorded 1.4.2;"), problem);
    assertTrue(problem.contains("\n  removed: " + SIZE), problem);
    assertEquals(Optional.empty(), SemanticVersionCheck.problem(recorded, signature("2.0.0", PROVIDER_TYPE)));
  }

  @Test
  void aChangedSignatureIsARemovalAndAnAdditionSoItNeedsAMajorBump() {
    PackageSignature recorded = signature("1.0.0", PROVIDER_TYPE, SIZE);
    String longSize = "Store | method public abstract long size()";

    String problem =
        SemanticVersionCheck.problem(recorded, signature("1.1.0", PROVIDER_TYPE, longSize)).orElseThrow();

    assertTrue(problem.contains("needs 2.0.0"), problem);
    assertTrue(problem.contains("removed: " + SIZE) && problem.contains("added:   " + longSize), problem);
  }

  @Test
  void aConstantWithAnotherValueNeedsAMajorBumpForOtherBundlesCompiledTheOldValueIn() {
    String oldPid = "Names | field public static final java.lang.String PID = \"a.b\"";
    String newPid = "Names | field public static final java.lang.String PID = \"a.c\"";

    String problem =
        SemanticVersionCheck.problem(signature("3.1.0", oldPid), signature("3.2.0", newPid)).orElseThrow();

    assertTrue(problem.contains("needs 4.0.0") && problem.contains("removed: " + oldPid), problem);
  }

  @Test
  void aMethodAddedToAProviderTypeNeedsAMinorBump() {
    PackageSignature recorded = signature("1.0.3", PROVIDER_TYPE);

    String problem = SemanticVersionCheck.problem(recorded, signature("1.0.4", PROVIDER_TYPE, SIZE)).orElseThrow();

    assertTrue(problem.contains("needs 1.1.0") && problem.contains("added:   " + SIZE), problem);
    assertEquals(Optional.empty(), SemanticVersionCheck.problem(recorded, signature("1.1.0", PROVIDER_TYPE, SIZE)));
  }

  @Test
  void anAbstractMethodAddedToAConsumerTypeNeedsAMajorBumpForEveryImplementerMustAddIt() {
    PackageSignature recorded = signature("1.0.0", CONSUMER_TYPE);

    String problem =
        SemanticVersionCheck.problem(recorded, signature("1.1.0", CONSUMER_TYPE, ON_EVENT)).orElseThrow();

    assertTrue(problem.contains("needs 2.0.0"), problem);
    String defaultMethod = "Listener | method public default void onEvent()";
    assertEquals(
        Optional.empty(),
        SemanticVersionCheck.problem(recorded, signature("1.1.0", CONSUMER_TYPE, defaultMethod)));
  }

  @Test
  void anUnchangedPackageMayKeepItsVersionButNotGoBelowItsRecord() {
    PackageSignature recorded = signature("1.2.0", PROVIDER_TYPE, SIZE);

    assertEquals(Optional.empty(), SemanticVersionCheck.problem(recorded, signature("1.2.0", PROVIDER_TYPE, SIZE)));
    String problem =
        SemanticVersionCheck.problem(recorded, signature("1.1.9", PROVIDER_TYPE, SIZE)).orElseThrow();
    assertTrue(problem.contains("may not go below its record"), problem);
  }

  @Test
  void aMethodRemovedFromTheRealDecoderSpiAtTheSameVersionIsReported() throws Exception {
    PackageSignature decoder =
        PackageSignature.exportedUnder(classesRoot(), "org.weasis.progressive.api").stream()
            .filter(p -> p.name().equals("org.weasis.progressive.api.decoder"))
            .findFirst()
            .orElseThrow();
    String decode =
        decoder.lines().stream()
            .filter(l -> l.startsWith("FrameDecoder | method ") && l.contains(" decode("))
            .findFirst()
            .orElseThrow();
    SortedSet<String> withoutDecode = new TreeSet<>(decoder.lines());
    withoutDecode.remove(decode);

    String problem =
        SemanticVersionCheck.problem(
                decoder, new PackageSignature(decoder.name(), decoder.version(), withoutDecode))
            .orElseThrow();

    assertTrue(problem.startsWith("org.weasis.progressive.api.decoder is at version 1.0.0 but needs 2.0.0"), problem);
    assertTrue(problem.contains("removed: " + decode), problem);
    assertTrue(decoder.lines().contains("FrameDecoder | type public abstract interface "
        + "org.weasis.progressive.api.decoder.FrameDecoder @ConsumerType"), decoder.lines().toString());
  }

  private static PackageSignature signature(String version, String... lines) {
    return new PackageSignature("p", SemanticVersion.parse(version), new TreeSet<>(java.util.List.of(lines)));
  }

  private static Path classesRoot() throws URISyntaxException {
    return Path.of(RetrieveConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
