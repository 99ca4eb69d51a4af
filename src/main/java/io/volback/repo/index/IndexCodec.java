package io.volback.repo.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.volback.repo.BlobType;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IndexCodec reads and writes index objects (see IndexFile) with Jackson's streaming API, straight
 * from and into index entries: opening a repository reads every index object, and data binding's
 * cold set-up and intermediate records cost a short command a noticeable share of its time (and a
 * backup of many small files the memory of a record and a hex string per blob).
 */
public final class IndexCodec {
  private static final JsonFactory FACTORY = new JsonFactory();

  private IndexCodec() {}

  /** The entries of the index object json; what names it in errors. */
  public static List<IndexEntry> read(byte[] json, String what) throws CorruptObjectException {
    List<IndexEntry> entries = new ArrayList<>();
    read(json, what, entries::add);
    return entries;
  }

  /** Passes each entry of the index object json to sink; what names it in errors. */
  public static void read(byte[] json, String what, Consumer<IndexEntry> sink)
      throws CorruptObjectException {
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, what);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("packs")) {
          readPacks(p, sink, what);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptObjectException(what + " is not valid: " + e.getMessage());
    }
  }

  /**
   * The JSON of an index object listing entries; entries of one pack are expected together (a pack
   * split up is listed twice, which readers accept).
   */
  public static byte[] write(List<IndexEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + entries.size() * 160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeArrayFieldStart("supersedes");
      g.writeEndArray();
      g.writeArrayFieldStart("packs");
      Id pack = null;
      for (IndexEntry e : entries) {
        if (!e.pack().equals(pack)) {
          if (pack != null) {
            g.writeEndArray();
            g.writeEndObject();
          }
          pack = e.pack();
          g.writeStartObject();
          g.writeStringField("id", pack.hex());
          g.writeArrayFieldStart("blobs");
        }
        g.writeStartObject();
        g.writeStringField("id", e.blob().hex());
        g.writeStringField("type", e.type().name());
        g.writeNumberField("offset", e.offset());
        g.writeNumberField("length", e.length());
        g.writeNumberField("rawLength", e.rawLength());
        g.writeEndObject();
      }
      if (pack != null) {
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void readPacks(JsonParser p, Consumer<IndexEntry> out, String what)
      throws IOException {
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
        out.accept(new IndexEntry(b.id, b.type, pack, b.offset, b.length, b.rawLength));
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
