package org.apiaudit.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiaudit.UserException;
import org.apiaudit.privacy.CaseKey;

/**
 * What an index holds, kept in the Lucene commit's user data so that it is committed
 * atomically with the documents it describes: a copy of the index folder carries it, and a
 * crash can never leave a file listed whose events are missing (or the reverse).
 */
public final class IndexManifest {
  /** Version of the index layout; bumped when the schema changes incompatibly. */
  public static final String SCHEMA_VERSION = "1";

  static final String KEY_SCHEMA = "schema.version";
  static final String KEY_KEY_FINGERPRINT = "key.fingerprint";
  static final String KEY_FILES = "files";
  /** The case's time zone, recorded from the {@code --tz} given at ingest (see {@link #zone()}). */
  static final String KEY_CASE_ZONE = "case.zone";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String schemaVersion;
  private final String keyFingerprint;
  private final List<SourceFile> files;
  /** Commit-data entries of other features (e.g. {@code nightly.*}), carried through unchanged. */
  private final Map<String, String> extra;

  public IndexManifest(String schemaVersion, String keyFingerprint, List<SourceFile> files) {
    this(schemaVersion, keyFingerprint, files, Map.of());
  }

  public IndexManifest(String schemaVersion, String keyFingerprint, List<SourceFile> files, Map<String, String> extra) {
    this.schemaVersion = schemaVersion;
    this.keyFingerprint = keyFingerprint;
    this.files = new ArrayList<>(files);
    this.extra = new java.util.TreeMap<>(extra);
  }

  /** An empty manifest for a new index. */
  public static IndexManifest empty() {
    return new IndexManifest(SCHEMA_VERSION, null, List.of());
  }

  static IndexManifest fromCommitData(Map<String, String> data) {
    if (data.isEmpty()) {
      return empty();
    }
    List<SourceFile> files;
    try {
      String json = data.get(KEY_FILES);
      files = json == null ? List.of() : JSON.readValue(json, new TypeReference<List<SourceFile>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("index manifest is corrupt: " + e.getOriginalMessage(), e);
    }
    Map<String, String> extra = new HashMap<>(data);
    extra.keySet().removeAll(List.of(KEY_SCHEMA, KEY_KEY_FINGERPRINT, KEY_FILES));
    return new IndexManifest(data.getOrDefault(KEY_SCHEMA, SCHEMA_VERSION), data.get(KEY_KEY_FINGERPRINT), files, extra);
  }

  Map<String, String> toCommitData() {
    Map<String, String> data = new HashMap<>(extra);
    data.put(KEY_SCHEMA, schemaVersion);
    if (keyFingerprint != null) {
      data.put(KEY_KEY_FINGERPRINT, keyFingerprint);
    }
    try {
      data.put(KEY_FILES, JSON.writeValueAsString(files));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return data;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  /** Fingerprint of the case key the index was built with, or null before the first ingest. */
  public String keyFingerprint() {
    return keyFingerprint;
  }

  /**
   * The case key in {@code keyFile}, checked against this index: every command that pseudonymises
   * with the key (ingest, search, detect --leak-sample, pseudonymize, canary, report --probes)
   * gets it here, because pseudonyms made with another key match nothing and the answer would
   * look like "no access" instead of an error.
   *
   * @param keyFile the key file (never created here)
   * @param index the index folder, named in the error
   * @throws UserException (exit 2) when the file is missing, unreadable or holds another key
   */
  public CaseKey requireKey(Path keyFile, Path index) {
    if (!Files.exists(keyFile)) {
      throw new UserException("case key " + keyFile + " not found; give --key FILE (the key index " + index
          + " was built with)");
    }
    CaseKey key = CaseKey.load(keyFile);
    requireMatches(key, index);
    return key;
  }

  /**
   * Refuses {@code key} when the index records another key's fingerprint (an index not yet
   * ingested into records none and accepts any key).
   *
   * @throws UserException (exit 2) naming the key file and the index
   */
  public void requireMatches(CaseKey key, Path index) {
    requireMatches(key, index.toString());
  }

  /** As {@link #requireMatches(CaseKey, Path)}, for an index named by a folder or a cluster URL. */
  public void requireMatches(CaseKey key, String index) {
    String fingerprint = key.fingerprint();
    if (keyFingerprint != null && !keyFingerprint.equals(fingerprint)) {
      throw new UserException("case key " + (key.file() == null ? "(in memory)" : key.file())
          + " is not the key index " + index + " was built with (fingerprint " + fingerprint + ", the index records "
          + keyFingerprint + "); pseudonyms would not match: give the right --key FILE");
    }
  }

  public IndexManifest withKeyFingerprint(String fingerprint) {
    return new IndexManifest(schemaVersion, fingerprint, files, extra);
  }

  /** The ingested files, in ingest order. */
  public List<SourceFile> files() {
    return Collections.unmodifiableList(files);
  }

  /** The recorded file with this content fingerprint, or null. */
  public SourceFile findBySha256(String sha256) {
    for (SourceFile f : files) {
      if (f.sha256().equals(sha256)) {
        return f;
      }
    }
    return null;
  }

  /** Whether a recorded file has exactly this size (a candidate duplicate worth hashing first). */
  public boolean hasFileOfSize(long size) {
    for (SourceFile f : files) {
      if (f.size() == size) {
        return true;
      }
    }
    return false;
  }

  /** A copy with {@code file} appended. */
  public IndexManifest with(SourceFile file) {
    List<SourceFile> copy = new ArrayList<>(files);
    copy.add(file);
    return new IndexManifest(schemaVersion, keyFingerprint, copy, extra);
  }

  /** A copy with {@code old} replaced by {@code updated} in place, or {@code updated} appended when old is null or absent. */
  public IndexManifest replacing(SourceFile old, SourceFile updated) {
    List<SourceFile> copy = new ArrayList<>(files);
    int at = old == null ? -1 : copy.indexOf(old);
    if (at < 0) {
      copy.add(updated);
    } else {
      copy.set(at, updated);
    }
    return new IndexManifest(schemaVersion, keyFingerprint, copy, extra);
  }

  /** A copy with this file list (incremental runs update records in place). */
  public IndexManifest withFiles(List<SourceFile> newFiles) {
    return new IndexManifest(schemaVersion, keyFingerprint, newFiles, extra);
  }

  /**
   * The zone the case is worked in: the {@code --tz} given at the first ingest that gave one, or
   * null. Commands without {@code --tz} read zone-less times and print times in it, so that a
   * case ingested in India time is searched in India time without repeating the option.
   */
  public java.time.ZoneId zone() {
    String id = extra.get(KEY_CASE_ZONE);
    return id == null ? null : java.time.ZoneId.of(id);
  }

  /** A copy recording {@code zone} as the case's zone. */
  public IndexManifest withZone(java.time.ZoneId zone) {
    return withExtra(KEY_CASE_ZONE, zone.getId());
  }

  /** Every other feature's commit-data entry, for a store that keeps them elsewhere than in commit data. */
  public Map<String, String> extras() {
    return Collections.unmodifiableMap(extra);
  }

  /** Another feature's commit-data entry, or null. */
  public String extra(String key) {
    return extra.get(key);
  }

  /** A copy with another feature's entry set ({@code value} null removes it). */
  public IndexManifest withExtra(String key, String value) {
    if (List.of(KEY_SCHEMA, KEY_KEY_FINGERPRINT, KEY_FILES).contains(key)) {
      throw new IllegalArgumentException("key is reserved by the manifest; got: " + key);
    }
    Map<String, String> copy = new HashMap<>(extra);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return new IndexManifest(schemaVersion, keyFingerprint, files, copy);
  }

}
