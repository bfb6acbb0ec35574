package io.khorosjdbc.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void masksTheAccessTokenAndKeepsTheRest() {
    assertEquals(
        "https://h/api/public/reports/report/wf/23a%2Bb%3D/status?analyticsAccessToken=****",
        Redaction.url(
            "https://h/api/public/reports/report/wf/23a%2Bb%3D/status?analyticsAccessToken=oMq%3D%3D"));
  }

  @Test
  void masksTheCompanyKeyButNotOrdinaryParameters() {
    assertEquals(
        "https://h/x?companyKey=****&startTime=1&locale=en",
        Redaction.url("https://h/x?companyKey=ck-123&startTime=1&locale=en"));
  }

  @Test
  void masksPresignedSignaturesAndCredentials() {
    String redacted =
        Redaction.url(
            "https://bucket.s3/f.csv?X-Amz-Credential=AKIA&X-Amz-Signature=abc&X-Amz-Expires=60");

    assertEquals(
        "https://bucket.s3/f.csv?X-Amz-Credential=****&X-Amz-Signature=****&X-Amz-Expires=60",
        redacted);
  }

  @Test
  void masksUserInfo() {
    String redacted = Redaction.url("https://reporter:s3cr3t-XYZ@h/x");

    assertFalse(redacted.contains("s3cr3t-XYZ"), redacted);
    assertEquals("https://****@h/x", redacted);
  }

  @Test
  void keepsTheFragmentAndCopesWithMalformedInput() {
    assertEquals("h/x?token=****#top", Redaction.url("h/x?token=t#top"));
    assertTrue(Redaction.url("not a url").equals("not a url"));
    assertNull(Redaction.url(null));
  }

  @Test
  void handleAndStatusNeverPrintTheirTokens() {
    String token = "oMqgB5T7BikRH3ISPxlqIw%3D%3D";
    ExportHandle handle =
        new ExportHandle(
            "wf",
            "run",
            "https://h/s?analyticsAccessToken=" + token,
            "https://h/d?companyKey=ck-123");
    JobStatus status =
        new JobStatus("CLOSED", "COMPLETED", "https://h/d?analyticsAccessToken=" + token, null);

    for (String text : new String[] {handle.toString(), status.toString()}) {
      assertFalse(text.contains(token), text);
      assertFalse(text.contains("ck-123"), text);
    }
  }
}
