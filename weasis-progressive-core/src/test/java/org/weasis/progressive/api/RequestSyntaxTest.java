package org.weasis.progressive.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSyntaxTest {

  @ParameterizedTest
  @ValueSource(strings = {
      RetrieveOptions.DEFAULT_ACCEPT,
      "multipart/related; type=\"image/jls\"",
      "multipart/related; type=application/octet-stream; transfer-syntax=*",
      "multipart/related; type=\"image/jphc\", multipart/related; type=\"application/octet-stream\";q=0.5",
      "image/*",
      "multipart/related; type=\"a\\\"b\""})
  void mediaRangeListsThatServersReadAreAccepted(String accept) {
    RequestSyntax.checkAccept("accept", accept);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jls", "image/jls/x", "image/jls,", "multipart/related;", "multipart/related; type",
      "multipart/related; type=\"image/jls", "multipart/related; type=\"a\" \"b\"", "image/j ls"})
  void anythingElseIsRefusedWithTheWholeValueNamed(String accept) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> RequestSyntax.checkAccept("accept", accept));
    assertEquals("accept", e.key());
    assertEquals("\"" + accept + "\"", e.value());
  }

  @Test
  void aBareSubtypeIsNamedInTheReason() {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> RequestSyntax.checkAccept("accept", "jls"));
    assertEquals("accept = \"jls\": \"jls\" is not type/subtype, e.g. multipart/related", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=1", "a=1&b=2", "empty=", "x=%20y&path=/a/b", "token=a=b"})
  void keyValuePairsAreAccepted(String arguments) {
    RequestSyntax.checkUrlArguments("urlArguments", arguments);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "=1", "a=1&&b=2", "?a=1", "&a=1", "a=1 2", "a=1#x", "a=%zz", "a=1&"})
  void malformedArgumentsAreRefused(String arguments) {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> RequestSyntax.checkUrlArguments("urlArguments", arguments));
    assertEquals("urlArguments", e.key());
  }

  @Test
  void theBadPairIsNamed() {
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
        () -> RequestSyntax.checkUrlArguments("urlArguments", "a=1&b"));
    assertEquals("urlArguments = \"a=1&b\": pair \"b\" is not key=value", e.getMessage());
  }
}
