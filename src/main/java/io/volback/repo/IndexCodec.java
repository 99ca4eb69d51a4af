package io.volback.repo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * IndexCodec reads index objects (see IndexFile) with Jackson's streaming API straight into index
 * entries: opening a repository reads every index object, and data binding's cold set-up and
 * intermediate records cost a short command a noticeable share of its time.
 */
final class IndexCodec {
  private static final JsonFactory FACTORY = new JsonFactory();

  private IndexCodec() {}

  /** The entries of the index object json; what names it in errors. */
  static List<IndexEntry> read(byte[] json, String what) throws CorruptObjectException {
    List<IndexEntry> entries = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, what);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("packs")) {
          readPacks(p, entries, what);
        } else {
          p.skipChildren();
        }
      }
      return entries;
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptObjectException(what + " is not valid: " + e.getMessage());
    }
  }

  private static void readPacks(JsonParser p, List<IndexEntry> out, String what) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, what);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Id pack = null;
      List<Blob> blobs = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> pack = Id.parse(p.getText());
          case "blobs" -> blobs = readBlobs(p, what);
          default -> p.skipChildren();
        }
      }
      if (pack == null) {
        throw new CorruptObjectException(what + ": a pack without id");
      }
      for (Blob b : blobs) {
        out.add(new IndexEntry(b.id, b.type, pack, b.offset, b.length, b.rawLength));
      }
    }
  }

  private static List<Blob> readBlobs(JsonParser p, String what) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, what);
    List<Blob> blobs = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Blob b = new Blob();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> b.id = Id.parse(p.getText());
          case "type" -> b.type = BlobType.valueOf(p.getText());
          case "offset" -> b.offset = p.getLongValue();
          case "length" -> b.length = p.getIntValue();
          case "rawLength" -> b.rawLength = p.getIntValue();
          default -> p.skipChildren();
        }
      }
      if (b.id == null || b.type == null) {
        throw new CorruptObjectException(what + ": a blob without id or type");
      }
      blobs.add(b);
    }
    return blobs;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws CorruptObjectException {
    if (actual != expected) {
      throw new CorruptObjectException(what + ": expected " + expected + ", found " + actual);
    }
  }

  /** Blob collects one blob's fields as they come. */
  private static final class Blob {
    Id id;
    BlobType type;
    long offset;
    int length;
    int rawLength;
  }
}
