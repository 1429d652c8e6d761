package org.apiaudit.nightly;

import org.apiaudit.ingest.ContentHead;
import java.nio.file.Path;
import org.apiaudit.index.SourceFile;

/**
 * What tonight's run does with one file.
 *
 * @param file the file on disk
 * @param head its first content bytes
 * @param previous the record of the same log from earlier runs (possibly under another name),
 *     or null for a log never seen
 * @param start content offset to read from: the end of the last line read before, or 0
 * @param warning why a known path is read again from the start (replaced or truncated), or null
 */
record ReadPlan(Path file, ContentHead head, SourceFile previous, long start, String warning) {}
