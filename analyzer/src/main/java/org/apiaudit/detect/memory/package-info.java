/**
 * State that must not grow with the index on the heap: primitive hash maps and sets keyed by
 * longs or ints ({@link org.apiaudit.detect.memory.LongLongMap}, {@link
 * org.apiaudit.detect.memory.LongObjectMap}, {@link org.apiaudit.detect.memory.LongHashSet}, ...),
 * sliding-window structures ({@link org.apiaudit.detect.memory.LongRing}, {@link
 * org.apiaudit.detect.memory.LastSeenMap}), and the spill file that keeps idle groups on disk
 * ({@link org.apiaudit.detect.memory.GroupSpill}, its offsets memory-mapped in {@link
 * org.apiaudit.detect.memory.SpillOffsets}).
 *
 * <p>Separate because it is general machinery with no notion of events or rules: it holds
 * ordinals and counts only, never a value from the logs. Uses nothing but the root package (a
 * test keeps it a leaf). Entry point: {@link org.apiaudit.detect.memory.GroupSpill}, the file
 * that the structures here write themselves to ({@code write(Out)}, {@code read(In)}).
 */
package org.apiaudit.detect.memory;
