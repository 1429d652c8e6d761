package org.apiaudit.index;

import java.net.InetAddress;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.FieldType;

/**
 * Turns an {@link Event} into Lucene fields, following the {@link Field} schema.
 *
 * <p>How each type is indexed, and why (fields that are only grouped by get doc values
 * alone, see {@link Field#isSearchable()}):
 * <ul>
 *   <li>{@link FieldType#INSTANT}, {@link FieldType#LONG}: a {@link LongPoint} for range queries
 *       plus single-valued numeric doc values, which the index sort and the correlation engine
 *       read column-wise.</li>
 *   <li>{@link FieldType#IP}: an {@link InetAddressPoint} (exact, CIDR and range queries) plus
 *       sorted doc values of the address as logged, for grouping and display.</li>
 *   <li>{@link FieldType#KEYWORD}: one untokenized term (docs only, no norms); sorted doc values
 *       when the schema says the field is grouped by, else stored bytes when it is shown.</li>
 *   <li>{@link FieldType#TEXT}: nothing; its queries match words of the keyword field it is
 *       derived from (see {@link FieldQueries}).</li>
 *   <li>{@link FieldType#STORED}: compressed stored bytes, display only.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class EventDocumentBuilder {
  /** Longest keyword value indexed (characters); at most 3 UTF-8 bytes each stays under Lucene's term limit. */
  public static final int MAX_KEYWORD_CHARS = 8191;

  /** Builds a fresh document for {@code event}. Fields without a value are left out. */
  public Document build(Event event) {
    Document doc = new Document();
    for (Field f : Field.values()) {
      if (!event.has(f)) {
        continue;
      }
      addField(doc, f, event);
    }
    return doc;
  }

  private static void addField(Document doc, Field f, Event event) {
    String name = f.fieldName();
    switch (f.type()) {
      case INSTANT:
      case LONG: {
        long v = event.getLong(f);
        if (f.isSearchable()) {
          doc.add(new LongPoint(name, v));
        }
        if (f.hasDocValues()) {
          doc.add(new NumericDocValuesField(name, v));
        }
        break;
      }
      case IP: {
        String text = event.get(f);
        InetAddress address = IpAddresses.parse(text);
        if (address != null && f.isSearchable()) {
          doc.add(new InetAddressPoint(name, address));
        }
        if (f.hasDocValues()) {
          doc.add(new SortedDocValuesField(name, new BytesRef(text)));
        }
        break;
      }
      case KEYWORD: {
        // Encoded to UTF-8 once, for the term and the doc value alike.
        BytesRef bytes = new BytesRef(truncate(event.get(f)));
        if (f.isSearchable()) {
          doc.add(new StringField(name, bytes, org.apache.lucene.document.Field.Store.NO));
        }
        if (f.hasDocValues()) {
          doc.add(new SortedDocValuesField(name, bytes));
        } else if (f.isStored()) {
          // without doc values, stored bytes are how search output shows it (request id, query)
          doc.add(new StoredField(name, bytes));
        }
        break;
      }
      case TEXT:
        // Matched at query time against the distinct values of its keyword source.
        break;
      case STORED:
        doc.add(new StoredField(name, event.get(f)));
        break;
      default:
        throw new AssertionError(f.type());
    }
  }

  /**
   * Keyword values are cut to {@value #MAX_KEYWORD_CHARS} characters: Lucene refuses terms over
   * 32766 bytes, and a 40 KB attacker-made user agent must not cost the whole event.
   */
  private static String truncate(String text) {
    return text.length() <= MAX_KEYWORD_CHARS ? text : text.substring(0, MAX_KEYWORD_CHARS);
  }

}
