package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {
  @TempDir Path tmp;

  @Test
  void generatedTokensAreLongAndDistinct() {
    AccessToken a = AccessToken.generate();
    assertEquals(43, a.text().length(), "256 bits, base64url");
    assertFalse(a.matches(AccessToken.generate().text()));
    assertTrue(a.matches(a.text()));
    assertFalse(a.matches(null));
  }

  @Test
  void aTokenFileNeedsOneLongPrintableToken() throws Exception {
    Path file = tmp.resolve("token");
    Files.writeString(file, "short\n");
    UserException e = assertThrows(UserException.class, () -> AccessToken.read(file));
    assertEquals("token file " + file + " must hold one token of at least 22 printable characters on its first line",
        e.getMessage());
    Files.writeString(file, "  abcdefghijklmnopqrstuvwxyz0123\nsecond line ignored\n");
    assertTrue(AccessToken.read(file).matches("abcdefghijklmnopqrstuvwxyz0123"));
  }

  @Test
  void onlyLoopbackListensWithoutAToken() throws Exception {
    assertDoesNotThrow(() -> AccessToken.requireForBind(InetAddress.getByName("127.0.0.1"), null));
    assertDoesNotThrow(() -> AccessToken.requireForBind(InetAddress.getByName("::1"), null));
    assertThrows(UserException.class, () -> AccessToken.requireForBind(InetAddress.getByName("192.0.2.1"), null));
    assertDoesNotThrow(() -> AccessToken.requireForBind(InetAddress.getByName("192.0.2.1"), AccessToken.generate()));
  }
}
