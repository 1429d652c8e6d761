package org.apiaudit.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiaudit.UserException;

/**
 * Searches an investigator named, kept in {@code <index>.searches.json} beside (never inside)
 * the index folder, as the case key is: the index stays read-only for the web UI, and a copy of
 * the case folder carries them. Shared by the web UI (which lists and saves them) and
 * {@code search --saved NAME}.
 */
public final class SavedSearches {
  /** Names are short words, so they can be typed on a command line and shown anywhere as they are. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");

  /** Most searches one case keeps: the file is read whole on each listing. */
  public static final int MAX_SEARCHES = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One saved search.
   *
   * @param name its name, unique in the file
   * @param query Lucene query text
   * @param from start of the time range as typed (ISO-8601 or epoch ms), or null
   * @param to end of the time range, or null
   */
  public record SavedSearch(String name, String query, String from, String to) {}

  private final Path file;

  public SavedSearches(Path file) {
    this.file = file;
  }

  /** The saved searches of the index at {@code index}: {@code <index>.searches.json} beside it. */
  public static SavedSearches besideIndex(Path index) {
    Path abs = index.toAbsolutePath().normalize();
    return new SavedSearches(abs.resolveSibling(abs.getFileName() + ".searches.json"));
  }

  public Path file() {
    return file;
  }

  /** Every saved search, in the order saved; empty when the file does not exist. */
  public List<SavedSearch> list() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<SavedSearch>>() {});
    } catch (JsonProcessingException e) {
      throw new UserException("saved searches file " + file + " is not valid JSON: " + e.getOriginalMessage(), 2, e);
    } catch (IOException e) {
      throw new UserException("cannot read saved searches file " + file + ": " + e.getMessage(), 2, e);
    }
  }

  /** The search named {@code name}; an error listing the names there are when none has it. */
  public SavedSearch get(String name) {
    List<SavedSearch> all = list();
    for (SavedSearch s : all) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    String known = all.isEmpty() ? "there are none" : "saved: " + all.stream().map(SavedSearch::name)
        .collect(Collectors.joining(", "));
    throw new UserException("no saved search named '" + name + "' in " + file + "; " + known);
  }

  /** Adds {@code search}, replacing one of the same name; written atomically. */
  public synchronized void save(SavedSearch search) {
    if (search.name() == null || !NAME.matcher(search.name()).matches()) {
      throw new UserException("a saved search's name is 1 to 64 letters, digits, spaces, '_', '.' or '-'"
          + " starting with a letter or digit");
    }
    if (search.query() == null || search.query().isBlank()) {
      throw new UserException("a saved search needs a query");
    }
    List<SavedSearch> all = new ArrayList<>(list());
    all.removeIf(s -> s.name().equals(search.name()));
    if (all.size() >= MAX_SEARCHES) {
      throw new UserException("saved searches file " + file + " already holds " + MAX_SEARCHES + " searches");
    }
    all.add(search);
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UserException("cannot write saved searches file " + file + ": " + e.getMessage(), 2, e);
    }
  }
}
