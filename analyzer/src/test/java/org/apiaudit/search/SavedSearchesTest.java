package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedSearchesTest {
  @TempDir Path tmp;

  @Test
  void keepsSearchesBesideTheIndexAndReplacesByName() {
    SavedSearches saved = SavedSearches.besideIndex(tmp.resolve("case").resolve("index"));
    assertEquals(tmp.resolve("case").resolve("index.searches.json"), saved.file());
    assertEquals(List.of(), saved.list());
    Path parent = saved.file().getParent();
    assertTrue(parent.toFile().mkdirs());
    saved.save(new SavedSearches.SavedSearch("night lookups", "class:record-returning", "2023-06-08T22:00+05:30", null));
    saved.save(new SavedSearches.SavedSearch("one ip", "ip:203.0.113.7", null, null));
    saved.save(new SavedSearches.SavedSearch("night lookups", "class:otp", null, null));
    assertEquals(List.of("one ip", "night lookups"), saved.list().stream().map(SavedSearches.SavedSearch::name).toList());
    assertEquals("class:otp", saved.get("night lookups").query());
    assertTrue(Files.exists(saved.file()));
  }

  @Test
  void refusesBadNamesAndNamesWhatThereIs() {
    SavedSearches saved = new SavedSearches(tmp.resolve("x.searches.json"));
    UserException bad = assertThrows(UserException.class,
        () -> saved.save(new SavedSearches.SavedSearch("<b>", "ip:1.2.3.4", null, null)));
    assertTrue(bad.getMessage().startsWith("a saved search's name is 1 to 64 letters"), bad.getMessage());
    assertThrows(UserException.class, () -> saved.save(new SavedSearches.SavedSearch("empty", " ", null, null)));
    saved.save(new SavedSearches.SavedSearch("a", "ip:1.2.3.4", null, null));
    UserException missing = assertThrows(UserException.class, () -> saved.get("b"));
    assertEquals("no saved search named 'b' in " + saved.file() + "; saved: a", missing.getMessage());
  }

  @Test
  void aBrokenFileIsAnErrorNamingIt() throws Exception {
    Path file = tmp.resolve("y.searches.json");
    Files.writeString(file, "{not json");
    UserException e = assertThrows(UserException.class, () -> new SavedSearches(file).list());
    assertTrue(e.getMessage().startsWith("saved searches file " + file + " is not valid JSON"), e.getMessage());
  }
}
