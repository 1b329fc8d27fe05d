package org.weasis.progressive.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ServerTextTest {
  @Test
  void terminalEscapesAndOtherControlsBecomeQuestionMarks() {
    assertEquals("?[31mred?[0m ?]0;title? done", ServerText.clean("\u001b[31mred\u001b[0m \u009b]0;title\u0007 done"));
  }

  @Test
  void lineBreaksCannotForgeLogLines() {
    assertEquals("error INFO all good", ServerText.clean("error\r\n\r\nINFO all good\n"));
  }

  @Test
  void invisibleBidiOverridesAreShown() {
    assertEquals("abc?gpj.exe", ServerText.clean("abc\u202Egpj.exe"));
  }

  @Test
  void longTextIsCutWithAnEllipsis() {
    String cut = ServerText.clean("x".repeat(10_000));
    assertEquals(ServerText.MAX_LENGTH + 1, cut.length());
    assertEquals('…', cut.charAt(cut.length() - 1));
    assertEquals("short", ServerText.clean("short", 5));
    assertEquals("short…", ServerText.clean("shorter", 5));
  }

  @Test
  void nullStaysNull() {
    assertNull(ServerText.clean(null));
  }
}
