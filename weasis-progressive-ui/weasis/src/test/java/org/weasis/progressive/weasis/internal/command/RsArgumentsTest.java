package org.weasis.progressive.weasis.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** progressive:rs takes a portal's dicom:rs arguments as they are. */
class RsArgumentsTest {

  @Test
  void aPortalsDicomRsArgumentsParseWithUrlRequestsAndHeaders() {
    RsArguments args = RsArguments.parse(new String[] {
        "--url", "https://pacs.example/dicom-web", "-r", "studyUID=1.2.3", "-r", "studyUID=1.2&seriesUID=1.2.9",
        "-H", "Authorization: Bearer abc", "--query-header", "X-Tenant: t1"});

    assertFalse(args.help());
    assertEquals("https://pacs.example/dicom-web", args.url());
    assertEquals(List.of(Map.of("studyUID", List.of("1.2.3")),
        Map.of("studyUID", List.of("1.2"), "seriesUID", List.of("1.2.9"))), args.requests());
    assertEquals(Map.of("authorization", "Bearer abc", "x-tenant", "t1"), args.headers(),
        "header names in lower case, as dicom:rs has them");
    assertEquals(List.of("Authorization: Bearer abc"), args.rawHeaders());
  }

  @Test
  void theShortUrlOptionAndTheLongRequestOptionWorkAsInDicomRs() {
    RsArguments args = RsArguments.parse(new String[] {"-u", "http://127.0.0.1:8042/dicom-web",
        "--request=seriesUID=1.2.3.4"});

    assertEquals("http://127.0.0.1:8042/dicom-web", args.url());
    assertEquals(List.of(Map.of("seriesUID", List.of("1.2.3.4"))), args.requests());
  }

  @Test
  void withoutAUrlOrARequestTheUsageIsShown() {
    assertTrue(RsArguments.parse(new String[] {"-r", "studyUID=1"}).help());
    assertTrue(RsArguments.parse(new String[] {"--url", "http://127.0.0.1"}).help());
    assertTrue(RsArguments.parse(new String[] {"--url", "http://127.0.0.1", "-r", "studyUID=1", "--help"}).help());
  }

  @Test
  void studyAndSeriesRequestsAreOursAndPatientOrAccessionRequestsGoToDicomRs() {
    assertTrue(RsArguments.isOurs(Map.of("studyUID", List.of("1.2"))));
    assertTrue(RsArguments.isOurs(Map.of("seriesUID", List.of("1.2.3"))));
    assertFalse(RsArguments.isOurs(Map.of("patientID", List.of("P1"))));
    assertFalse(RsArguments.isOurs(Map.of("studyUID", List.of("1.2"), "accessionNumber", List.of("A"))));
    assertFalse(RsArguments.isOurs(Map.of("studyUID", List.of(""))));
  }

  @Test
  void aPortalsWeasisAuthenticationMethodIsTakenAndPassedOnToDicomRsWithItsOtherRequests() {
    RsArguments args = RsArguments.parse(new String[] {"--url", "https://pacs.example/dicom-web",
        "-r", "studyUID=1.2", "-r", "patientID=P1", "-H", "X-Tenant: t1", "--auth-uid", "68c845fc-93c5"});

    assertEquals("68c845fc-93c5", args.authUid());
    assertNull(RsArguments.parse(new String[] {"-u", "http://127.0.0.1", "-r", "studyUID=1"}).authUid());
    assertEquals(List.of("--url", "https://pacs.example/dicom-web", "-r", "patientID=P1", "-H", "X-Tenant: t1",
        "--auth-uid", "68c845fc-93c5"),
        List.of(RsCommand.dicomRsArguments(args, args.requests().get(1))));
  }

  @Test
  void aRequestPassedOnToDicomRsKeepsItsParameters() {
    assertEquals("patientID=P1", RsCommand.toQuery(Map.of("patientID", List.of("P1"))));
  }
}
