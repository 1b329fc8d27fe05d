package org.weasis.progressive.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.RetrieveConfiguration;

/**
 * The build's semantic-versioning check (what bnd's baseline does against a released jar, here against
 * committed signature records in {@code api-signatures/}): every package under {@code
 * org.weasis.progressive.api} whose package-info has {@code @Export} is found by itself, and its public
 * signature must match its record, or differ only as its {@code @Version} bump allows.
 */
class ApiBaselineTest {
  private static final String API = "org.weasis.progressive.api";
  private static final boolean WRITE = Boolean.getBoolean("api.signatures.write");

  @Test
  void everyExportedApiPackageMatchesItsRecordOrIsVersionedForItsChange() {
    Path classes = classesRoot();
    SignatureRecords records = new SignatureRecords(classes.resolve("../../api-signatures").normalize());
    List<PackageSignature> packages = PackageSignature.exportedUnder(classes, API);
    assertTrue(packages.size() >= 2, "found only " + packages);
    List<String> problems = new ArrayList<>();
    for (PackageSignature current : packages) {
      check(current, records.read(current.name()), records).ifPresent(problems::add);
    }
    List<String> exported = packages.stream().map(PackageSignature::name).toList();
    for (String stale : records.recordedPackages()) {
      if (!exported.contains(stale)) {
        staleRecord(stale, records).ifPresent(problems::add);
      }
    }
    assertEquals(List.of(), problems, "\n" + String.join("\n\n", problems) + "\n");
  }

  private static Optional<String> check(
      PackageSignature current, Optional<PackageSignature> recorded, SignatureRecords records) {
    Optional<String> semver = recorded.flatMap(r -> SemanticVersionCheck.problem(r, current));
    if (semver.isPresent() || recorded.equals(Optional.of(current))) {
      return semver;
    }
    if (WRITE) {
      records.write(current);
      return Optional.empty();
    }
    return Optional.of(
        recorded.isEmpty()
            ? current.name() + " " + current.version() + " has no signature record; write it with "
                + SignatureRecords.HOW_TO_WRITE
            : current.name() + " changed as its version " + current.version() + " allows (recorded "
                + recorded.get().version() + "); record the new baseline with "
                + SignatureRecords.HOW_TO_WRITE);
  }

  private static Optional<String> staleRecord(String packageName, SignatureRecords records) {
    if (WRITE) {
      records.delete(packageName);
      return Optional.empty();
    }
    return Optional.of(
        packageName + " has a signature record but is no longer an exported API package; remove it with "
            + SignatureRecords.HOW_TO_WRITE);
  }

  private static Path classesRoot() {
    try {
      return Path.of(
          RetrieveConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
