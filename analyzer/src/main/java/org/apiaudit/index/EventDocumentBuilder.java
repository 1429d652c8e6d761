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
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.NumericUtils;
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
 *       sorted doc values of the address as logged, for grouping and display; a value that is
 *       no address is left out.</li>
 *   <li>{@link FieldType#KEYWORD}: one untokenized term (docs only, no norms); sorted doc values
 *       when the schema says the field is grouped by, else stored bytes when it is shown. The
 *       subject columns are the exception: their pseudonyms' 64 bits in numeric doc values, and
 *       {@code source.subnet} is written only where it is not the subnet of the event's address;
 *       readers see both as sorted columns ({@link ColumnViews}).</li>
 *   <li>{@link FieldType#TEXT}: nothing; its queries match words of the keyword field it is
 *       derived from (see {@link FieldQueries}).</li>
 *   <li>{@link FieldType#STORED}: compressed stored bytes, display only.</li>
 * </ul>
 *
 * <p>Stored values are UTF-8 bytes (binary stored fields), not strings: a string is encoded by
 * Lucene when the document is added and, because the index is sorted by time, decoded into a
 * new string and encoded again when the segment is flushed; bytes are copied as they are. The
 * bytes are the ones the builder encodes for the term anyway. {@link #storedText} reads both
 * kinds, so indexes written before keep their display.
 *
 * <p>One builder per thread: {@link #reuse} refills the builder's own document and fields in
 * place (Lucene reads them during {@code addDocument} and keeps nothing), so the ingest hot path
 * allocates no field, {@link BytesRef} or byte array per value; {@link #build} makes a fresh
 * document for callers that keep it.
 */
public final class EventDocumentBuilder {
  /**
   * Longest keyword value indexed (characters); at most 3 UTF-8 bytes each stays under Lucene's
   * term limit. Longer values are cut: Lucene refuses terms over 32766 bytes, and a 40 KB
   * attacker-made user agent must not cost the whole event.
   */
  public static final int MAX_KEYWORD_CHARS = 8191;

  /** Length of an address in an {@link InetAddressPoint}: IPv4 is stored IPv4-mapped in 16 bytes. */
  private static final int IP_BYTES = 16;

  private final Document doc = new Document();
  private final Slot[] slots = new Slot[Field.values().length];
  /** Receives whether a subject value was a packed pseudonym ({@link PseudonymColumns#bits}). */
  private final boolean[] packedOk = new boolean[1];
  private final ColumnLayout layout;
  /** The subnet's slot when the layout derives it from the address, else null. */
  private final Slot derivedSubnet;
  /** Whether the current event's address went into its doc values (the subnet derives from it). */
  private boolean addressWritten;

  /** The reusable Lucene fields of one schema field, and the bytes they share. */
  private static final class Slot {
    final org.apache.lucene.document.Field point;
    final org.apache.lucene.document.Field docValues;
    final StoredField stored;
    /** For a packed subject column: the pseudonym's 64 bits, and the column for other values. */
    final NumericDocValuesField packed;
    final SortedDocValuesField unpacked;
    final String prefix;
    /** The value's bytes: a term and its doc value point at the same UTF-8. */
    final BytesRef bytes = new BytesRef();
    final BytesRefBuilder utf8 = new BytesRefBuilder();

    Slot(Field f, ColumnLayout layout) {
      boolean derived = f == Field.SOURCE_SUBNET && layout.derivesSubnet();
      // a derived subnet's doc values hold only the exceptions (SubnetColumn)
      String name = derived ? f.fieldName() + ColumnViews.TEXT_SUFFIX : f.fieldName();
      boolean pack = layout.packsSubjects() && f.hasDocValues() && PseudonymColumns.isPacked(f);
      packed = pack ? new NumericDocValuesField(name, 0) : null;
      unpacked = pack ? new SortedDocValuesField(name + ColumnViews.TEXT_SUFFIX, bytes) : null;
      prefix = pack ? PseudonymColumns.prefix(f) : null;
      switch (f.type()) {
        case INSTANT, LONG -> {
          point = f.isSearchable() ? new LongPoint(name, 0) : null;
          docValues = f.hasDocValues() ? new NumericDocValuesField(name, 0) : null;
          stored = null;
        }
        case IP -> {
          point = f.isSearchable() ? new InetAddressPoint(name, InetAddress.getLoopbackAddress()) : null;
          docValues = f.hasDocValues() ? new SortedDocValuesField(name, bytes) : null;
          stored = null;
        }
        case KEYWORD -> {
          point = f.isSearchable() ? new StringField(name, bytes, org.apache.lucene.document.Field.Store.NO) : null;
          docValues = f.hasDocValues() && !pack ? new SortedDocValuesField(name, bytes) : null;
          stored = !f.hasDocValues() && f.isStored() ? new StoredField(name, bytes) : null;
        }
        case STORED -> {
          point = null;
          docValues = null;
          stored = new StoredField(name, bytes);
        }
        case TEXT -> {
          point = null;
          docValues = null;
          stored = null;
        }
        default -> throw new AssertionError(f.type());
      }
    }

    /** Points {@link #bytes} at the UTF-8 of {@code text}'s first {@code length} characters. */
    void encode(String text, int length) {
      utf8.copyChars(text, 0, length);
      bytes.bytes = utf8.bytes();
      bytes.offset = 0;
      bytes.length = utf8.length();
    }
  }

  /** A builder for a new index: {@link ColumnLayout#CURRENT}. */
  public EventDocumentBuilder() {
    this(ColumnLayout.CURRENT);
  }

  /**
   * A builder writing {@code layout}: the current one, or for an index written before, the one
   * that index has ({@link EventIndex#layout}).
   */
  public EventDocumentBuilder(ColumnLayout layout) {
    this.layout = layout;
    for (Field f : Field.values()) {
      slots[f.ordinal()] = new Slot(f, layout);
    }
    this.derivedSubnet = layout.derivesSubnet() ? slots[Field.SOURCE_SUBNET.ordinal()] : null;
  }

  /** Builds a fresh document for {@code event}, the caller's to keep. Fields without a value are left out. */
  public Document build(Event event) {
    return new EventDocumentBuilder(layout).reuse(event);
  }

  /**
   * Refills this builder's one document for {@code event} and returns it: valid until the next
   * call, which is all {@code IndexWriter.addDocument} needs.
   */
  public Document reuse(Event event) {
    doc.clear();
    addressWritten = false;
    for (Field f : Field.values()) {
      if (event.has(f) && slots[f.ordinal()] != derivedSubnet) {
        addField(slots[f.ordinal()], f, event);
      }
    }
    if (derivedSubnet != null) {
      addSubnetException(event);
    }
    return doc;
  }

  /** A derived subnet: written only where readers could not derive it from the address. */
  private void addSubnetException(Event event) {
    String exception = SubnetColumn.exception(event.get(Field.SOURCE_SUBNET),
        addressWritten ? event.get(Field.SOURCE_IP) : null);
    if (exception != null) {
      derivedSubnet.encode(exception, Math.min(exception.length(), MAX_KEYWORD_CHARS));
      doc.add(derivedSubnet.docValues);
    }
  }

  private void addField(Slot slot, Field f, Event event) {
    switch (f.type()) {
      case INSTANT:
      case LONG: {
        long v = event.getLong(f);
        if (slot.point != null) {
          // In place: LongPoint.setLongValue would allocate a new packed value per event.
          NumericUtils.longToSortableBytes(v, slot.point.binaryValue().bytes, 0);
          doc.add(slot.point);
        }
        if (slot.docValues != null) {
          slot.docValues.setLongValue(v);
          doc.add(slot.docValues);
        }
        break;
      }
      case IP: {
        String text = event.get(f);
        if (slot.point != null) {
          if (!encodeAddress(text, slot.point.binaryValue().bytes)) {
            // Not an address (ingest sets none such): left out whole, because Lucene refuses a
            // document whose field lacks the point the field's other documents have.
            break;
          }
          doc.add(slot.point);
        }
        if (slot.docValues != null) {
          slot.encode(text, text.length());
          doc.add(slot.docValues);
          if (f == Field.SOURCE_IP) {
            addressWritten = true;
          }
        }
        break;
      }
      case KEYWORD: {
        // Encoded to UTF-8 once, for the term and the doc value alike.
        String text = event.get(f);
        slot.encode(text, Math.min(text.length(), MAX_KEYWORD_CHARS));
        if (slot.point != null) {
          doc.add(slot.point);
        }
        if (slot.packed != null) {
          long bits = PseudonymColumns.bits(text, slot.prefix, packedOk);
          // 0 beside an unpacked value: Lucene wants the field's structures in every document
          slot.packed.setLongValue(packedOk[0] ? bits : 0);
          doc.add(slot.packed);
          if (!packedOk[0]) {
            doc.add(slot.unpacked);
          }
        } else if (slot.docValues != null) {
          doc.add(slot.docValues);
        } else if (slot.stored != null) {
          // without doc values, the stored value is how search output shows it (request id, query):
          // the term's UTF-8, cut as the term is
          doc.add(slot.stored);
        }
        break;
      }
      case TEXT:
        // Matched at query time against the distinct values of its keyword source.
        break;
      case STORED:
        String text = event.get(f);
        slot.encode(text, text.length());
        doc.add(slot.stored);
        break;
      default:
        throw new AssertionError(f.type());
    }
  }

  /**
   * The text of stored field {@code f} in {@code doc}, or null: binary (UTF-8) as this builder
   * stores it, or a string as indexes written before it did.
   */
  public static String storedText(Document doc, Field f) {
    org.apache.lucene.index.IndexableField stored = doc.getField(f.fieldName());
    if (stored == null) {
      return null;
    }
    return stored.stringValue() != null ? stored.stringValue() : stored.binaryValue().utf8ToString();
  }

  /**
   * Keyword values are cut to {@value #MAX_KEYWORD_CHARS} characters: Lucene refuses terms over
   * 32766 bytes, and a 40 KB attacker-made user agent must not cost the whole event.
   */
  public static String truncate(String text) {
    return text.length() <= MAX_KEYWORD_CHARS ? text : text.substring(0, MAX_KEYWORD_CHARS);
  }

  /**
   * Writes {@code text}'s address into {@code target} as {@link InetAddressPoint} encodes it
   * (IPv4 mapped into IPv6), parsing IPv4 by hand without an {@link InetAddress}; false when
   * {@code text} is not an address.
   */
  private static boolean encodeAddress(String text, byte[] target) {
    if (IpAddresses.parseV4Into(text, target, IP_BYTES - 4)) {
      java.util.Arrays.fill(target, 0, 10, (byte) 0);
      target[10] = (byte) 0xff;
      target[11] = (byte) 0xff;
      return true;
    }
    InetAddress address = IpAddresses.parse(text);
    if (address == null) {
      return false;
    }
    System.arraycopy(InetAddressPoint.encode(address), 0, target, 0, IP_BYTES);
    return true;
  }
}
