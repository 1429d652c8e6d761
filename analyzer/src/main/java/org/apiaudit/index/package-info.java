/**
 * The Lucene event index: how it is opened (one writer, sorted by time), how an event becomes a
 * document, how field queries are built, and the manifest that records every input file, the
 * schema and the key's fingerprint in the commit.
 *
 * <p>Also the one home of IP address literals ({@link org.apiaudit.index.IpAddresses}), since the
 * index stores addresses as points, and of the columns kept in a cheaper form than sorted doc
 * values ({@link org.apiaudit.index.ColumnLayout}: pseudonyms kept as numbers, the subnet derived
 * from the address; every reader of the event index goes through
 * {@link org.apiaudit.index.ColumnViews#wrap} and sees them as keywords). Uses {@code schema}, {@code privacy} (the key check) and the
 * root package. Entry point: {@link org.apiaudit.index.EventIndex}; documents from
 * {@link org.apiaudit.index.EventDocumentBuilder}, queries from
 * {@link org.apiaudit.index.FieldQueries}.
 */
package org.apiaudit.index;
