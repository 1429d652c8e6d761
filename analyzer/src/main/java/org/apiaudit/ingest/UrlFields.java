package org.apiaudit.ingest;

import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Derives {@link Field#URL_ORIGINAL} and {@link Field#URL_EXTENSION} from an event's path and
 * query, so that every format fills them the same way and rules written for a W3C {@code cs-uri}
 * or a proxy's {@code c-uri-extension} run on combined and JSON logs too. Called by the
 * normalizer after masking (the derived values hold only pseudonyms), and by the rule tester so
 * example events see what ingest would store.
 */
public final class UrlFields {
  private UrlFields() {}

  /** Sets the derived URL fields that are not set yet; leaves both absent without a path or query. */
  public static void derive(Event event) {
    String path = event.get(Field.URL_PATH);
    String query = event.get(Field.URL_QUERY);
    if (event.get(Field.URL_ORIGINAL) == null && (path != null || query != null)) {
      String p = path == null ? "" : path;
      event.set(Field.URL_ORIGINAL, query == null ? p : p + "?" + query);
    }
    if (event.get(Field.URL_EXTENSION) == null && path != null) {
      event.set(Field.URL_EXTENSION, extension(path));
    }
  }

  /**
   * The extension of the path's last segment without the dot, or null: {@code gz} for
   * {@code /a.tar.gz}, none for {@code /.htaccess} (a dot file), {@code /x.} or {@code /dir/}.
   */
  static String extension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash + 1 || dot == path.length() - 1) {
      return null;
    }
    return path.substring(dot + 1);
  }
}
