package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.UserException;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged index is told from a bug, and named in one line that points at {@code analyzer verify}. */
class IndexDamageTest {
  @TempDir Path dir;

  private void writeTwoEvents() throws IOException {
    TinyIndex.of(dir, List.of(new Event().set(Field.TIMESTAMP, 1L).set(Field.METHOD, "GET"),
        new Event().set(Field.TIMESTAMP, 2L).set(Field.METHOD, "PUT"))).close();
  }

  @Test
  void damageIsRecognisedAnywhereInTheCauses() {
    assertTrue(IndexDamage.isDamage(new RuntimeException(new CorruptIndexException("bad", "x.dvd"))));
    assertTrue(IndexDamage.isDamage(new IOException(new EOFException("read past EOF"))));
    assertEquals(false, IndexDamage.isDamage(new IOException("disk full")));
    assertEquals(false, IndexDamage.isDamage(new ArrayIndexOutOfBoundsException(3)));
  }

  @Test
  void theDamageMessageNamesTheInnermostDamageAndVerify() {
    CorruptIndexException corrupt = new CorruptIndexException("checksum failed", "_0.fdt");
    UserException e = IndexDamage.damaged(dir, new IOException("reading", corrupt));
    assertEquals("index " + dir + " is damaged (CorruptIndexException: checksum failed (resource=_0.fdt)); run"
        + " 'analyzer verify -i " + dir + "' to list every problem", e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void anUnexpectedErrorOnAHealthyIndexIsABugAndOnADamagedOneDamage() throws IOException {
    writeTwoEvents();
    ArrayIndexOutOfBoundsException garbage = new ArrayIndexOutOfBoundsException(7);
    assertNull(IndexDamage.explain(dir, garbage));
    assertNull(IndexDamage.explain(null, garbage), "no index to check");
    assertNull(IndexDamage.checksumProblem(dir));
    TinyIndex.damage(dir, ".dvd");
    String problem = IndexDamage.checksumProblem(dir);
    assertTrue(problem.startsWith("segment _0: CorruptIndexException: checksum failed"), problem);
    UserException e = IndexDamage.explain(dir, garbage);
    assertTrue(e.getMessage().startsWith("index " + dir + " is damaged (segment _0: CorruptIndexException: checksum"
        + " failed"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; run 'analyzer verify -i " + dir + "' to list every problem"), e.getMessage());
  }

  @Test
  void nothingIsAddedToAnIndexWhoseChecksumsFail() throws IOException {
    writeTwoEvents();
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      IndexDamage.requireIntact(w, dir); // healthy: no error
    }
    TinyIndex.damage(dir, ".dvd");
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      UserException e = assertThrows(UserException.class, () -> IndexDamage.requireIntact(w, dir));
      assertTrue(e.getMessage().startsWith("index " + dir + " is damaged (segment _0: CorruptIndexException:"),
          e.getMessage());
      assertTrue(e.getMessage().contains("); nothing was added to it; run 'analyzer verify -i " + dir + "'"),
          e.getMessage());
    }
  }
}
