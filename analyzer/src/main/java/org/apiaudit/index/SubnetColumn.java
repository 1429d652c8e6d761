package org.apiaudit.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefArray;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.Counter;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.schema.Field;

/**
 * {@code source.subnet} derived from {@code source.ip} instead of written, and seen by every
 * reader as the sorted column it was ({@link ColumnViews}).
 *
 * <p>Why: ingest sets the subnet to {@link IpAddresses#subnetOf} the address, and the index keeps
 * the address's text as sorted doc values anyway. On traffic where nearly every address is new,
 * a sorted subnet column costs Lucene a hash-table entry per event and a place in a sort at every
 * flush for values it could compute; leaving it out saves that ingest CPU. Here, once per
 * segment, the subnet of each distinct address is computed and sorted: the ordinals are exactly
 * the ones the sorted column had.
 *
 * <p>Where the event's subnet is not the one its address gives (hand-made events, a subnet
 * without a parsable address), it is written to {@code source.subnet#text}, which takes
 * precedence; the empty value there marks an event with an address but no subnet (an event value
 * is never empty). Indexes written before keep their sorted column ({@link ColumnLayout}).
 */
final class SubnetColumn {
  private static final String ADDRESS = Field.SOURCE_IP.fieldName();
  private static final String EXCEPTIONS = Field.SOURCE_SUBNET.fieldName() + ColumnViews.TEXT_SUFFIX;

  /** What follows an IPv4 subnet's last dot ({@link IpAddresses#subnetOf}). */
  private static final byte[] V4_HOST = "0/24".getBytes(StandardCharsets.US_ASCII);

  private SubnetColumn() {}

  /**
   * The value to write to {@code source.subnet#text} for an event with this {@code subnet}
   * (or null) whose doc values hold {@code address} (or null): null when the reader derives the
   * subnet itself, the empty string when it must derive none.
   */
  static String exception(String subnet, String address) {
    if (subnet == null) {
      return address == null ? null : "";
    }
    return address != null && IpAddresses.isSubnetOf(subnet, address) ? null : subnet;
  }

  /** Per-document subnet of segment {@code in}, without building ordinals: for display. */
  static ColumnViews.TextColumn text(LeafReader in) throws IOException {
    SortedDocValues raw = in.getSortedDocValues(EXCEPTIONS);
    SortedDocValues addresses = in.getSortedDocValues(ADDRESS);
    ColumnViews.TextColumn rawText = raw == null ? null : ColumnViews.sortedText(raw);
    ColumnViews.TextColumn addressText = addresses == null ? null : ColumnViews.sortedText(addresses);
    return doc -> {
      String text = rawText == null ? null : rawText.at(doc);
      if (text != null) {
        return text.isEmpty() ? null : text;
      }
      String address = addressText == null ? null : addressText.at(doc);
      return address == null ? null : IpAddresses.subnetOf(address);
    };
  }

  /**
   * The sorted column {@code source.subnet} of segment {@code in} would have had. One pass over
   * the distinct addresses some document derives its subnet from (in text order, so an IPv4 /24's
   * addresses come together and are hashed once) gives each its subnet's id; the distinct subnets
   * are sorted and merged with the exceptions into one text order; one pass over each column's
   * documents gives each document its ordinal. The heap keeps the distinct values' bytes and a few
   * bits per document.
   */
  static RebuiltColumn build(LeafReader in) throws IOException {
    SortedDocValues addresses = in.getSortedDocValues(ADDRESS);
    int addressCount = addresses == null ? 0 : addresses.getValueCount();
    FixedBitSet derivedFrom = addressesDerivedFrom(in, addressCount);
    BytesRefHash subnets = new BytesRefHash();
    // subnet id + 1 of each address ordinal; 0 for an address without a subnet
    PackedInts.Mutable idOfAddress = PackedInts.getMutable(addressCount,
        PackedInts.bitsRequired(addressCount + 1L), PackedInts.COMPACT);
    BytesRefBuilder subnet = new BytesRefBuilder();
    BytesRefBuilder previous = new BytesRefBuilder();
    int id = -1;
    for (int ord = 0; ord < addressCount; ord++) {
      if ((derivedFrom != null && !derivedFrom.get(ord)) || !subnetOf(addresses.lookupOrd(ord), subnet)) {
        continue;
      }
      if (id < 0 || !subnet.get().bytesEquals(previous.get())) {
        id = subnets.add(subnet.get());
        id = id < 0 ? -id - 1 : id;
        previous.copyBytes(subnet);
      }
      idOfAddress.set(ord, id + 1L);
    }
    SortedDocValues raw = in.getSortedDocValues(EXCEPTIONS);
    int rawCount = raw == null ? 0 : raw.getValueCount();
    BytesRefArray values = new BytesRefArray(Counter.newCounter());
    int derivedCount = subnets.size();
    PackedInts.Mutable ordOfId = PackedInts.getMutable(derivedCount,
        PackedInts.bitsRequired(derivedCount + (long) rawCount), PackedInts.COMPACT);
    int[] ordOfRaw = merge(subnets, raw, values, ordOfId);
    subnets = null; // its bytes are in values now: let the hash go before the per-document pass
    PackedInts.Mutable ordOfDoc = PackedInts.getMutable(in.maxDoc(),
        PackedInts.bitsRequired(values.size() + 1L), PackedInts.DEFAULT);
    if (addressCount > 0) {
      addresses = in.getSortedDocValues(ADDRESS);
      for (int doc = addresses.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = addresses.nextDoc()) {
        long idPlusOne = idOfAddress.get(addresses.ordValue());
        if (idPlusOne > 0) {
          ordOfDoc.set(doc, ordOfId.get((int) idPlusOne - 1) + 1);
        }
      }
    }
    if (raw != null) {
      raw = in.getSortedDocValues(EXCEPTIONS);
      for (int doc = raw.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = raw.nextDoc()) {
        ordOfDoc.set(doc, ordOfRaw[raw.ordValue()] + 1L);
      }
    }
    return new RebuiltColumn((ord, scratch) -> values.get(scratch, ord), values.size(), ordOfDoc);
  }

  /**
   * {@link IpAddresses#subnetOf} of the address text {@code address}, into {@code out}; false when
   * it has none. IPv4, nearly every value, is cut from the bytes without making strings.
   */
  static boolean subnetOf(BytesRef address, BytesRefBuilder out) {
    CharSequence text = new Ascii(address);
    if (IpAddresses.isIpv4(text, 0, text.length())) {
      int end = address.offset + address.length;
      while (address.bytes[end - 1] != '.') {
        end--;
      }
      out.copyBytes(address.bytes, address.offset, end - address.offset);
      out.append(V4_HOST, 0, V4_HOST.length);
      return true;
    }
    String subnet = IpAddresses.subnetOf(address.utf8ToString());
    if (subnet == null) {
      return false;
    }
    out.copyChars(subnet);
    return true;
  }

  /** UTF-8 bytes read as chars: exact for the ASCII of a dotted quad, which is all it is asked. */
  private record Ascii(BytesRef bytes) implements CharSequence {
    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes.bytes[bytes.offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Ascii(new BytesRef(bytes.bytes, bytes.offset + start, end - start));
    }

    @Override
    public String toString() {
      return bytes.utf8ToString();
    }
  }

  /**
   * The address ordinals some document derives its subnet from, or null when all do: an address
   * whose every document has an exception gives no value to the column (as in the sorted one).
   */
  private static FixedBitSet addressesDerivedFrom(LeafReader in, int addressCount) throws IOException {
    SortedDocValues raw = in.getSortedDocValues(EXCEPTIONS);
    if (raw == null || addressCount == 0) {
      return null;
    }
    BitSet excepted = new BitSet();
    for (int doc = raw.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = raw.nextDoc()) {
      excepted.set(doc);
    }
    FixedBitSet used = new FixedBitSet(addressCount);
    SortedDocValues addresses = in.getSortedDocValues(ADDRESS);
    for (int doc = addresses.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = addresses.nextDoc()) {
      if (!excepted.get(doc)) {
        used.set(addresses.ordValue());
      }
    }
    return used;
  }

  /**
   * Appends the derived subnets and the exceptions (without the empty marker) to {@code values}
   * in text order, once each; fills each subnet id's ordinal into {@code ordOfId} and returns
   * each exception's ordinal (-1 for the marker).
   */
  private static int[] merge(BytesRefHash subnets, SortedDocValues raw, BytesRefArray values,
      PackedInts.Mutable ordOfId) throws IOException {
    int[] sortedIds = subnets.sort();
    int derivedCount = subnets.size();
    int rawCount = raw == null ? 0 : raw.getValueCount();
    int[] ordOfRaw = new int[rawCount];
    int j = 0;
    if (rawCount > 0 && raw.lookupOrd(0).length == 0) {
      ordOfRaw[j++] = -1;
    }
    BytesRef derived = new BytesRef();
    int i = 0;
    while (i < derivedCount || j < rawCount) {
      if (i < derivedCount) {
        subnets.get(sortedIds[i], derived);
      }
      BytesRef exception = j < rawCount ? raw.lookupOrd(j) : null;
      int c = i == derivedCount ? 1 : exception == null ? -1 : derived.compareTo(exception);
      int ord = values.size();
      values.append(c <= 0 ? derived : exception);
      if (c <= 0) {
        ordOfId.set(sortedIds[i++], ord);
      }
      if (c >= 0) {
        ordOfRaw[j++] = ord;
      }
    }
    return ordOfRaw;
  }
}
