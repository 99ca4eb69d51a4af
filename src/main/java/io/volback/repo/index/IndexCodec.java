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
 * IndexCodec reads and writes index objects (see repository-format.md) with Jackson's streaming
 * API, straight from and into index entries: opening a repository reads every index object, and
 * data binding's cold set-up and intermediate records cost a short command a noticeable share of
 * its time (and a backup of many small files the memory of a record and a hex string per blob).
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
      List<IndexEntry> blobs = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> pack = Id.parse(p.getText());
          case "blobs" -> blobs = readBlobs(p, pack, what);
          default -> p.skipChildren();
        }
      }
      if (pack == null) {
        throw new CorruptObjectException(what + ": a pack without id");
      }
      for (IndexEntry e : blobs) {
        // Writers put a pack's id before its blobs; a reader still accepts it after them.
        out.accept(e.pack() == null ? e.inPack(pack) : e);
      }
    }
  }

  /** The blobs of a pack, as entries in pack (null while the pack's id is not read yet). */
  private static List<IndexEntry> readBlobs(JsonParser p, Id pack, String what) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY, what);
    List<IndexEntry> blobs = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Id id = null;
      BlobType type = null;
      long offset = 0;
      int length = 0;
      int rawLength = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> id = Id.parse(p.getText());
          case "type" -> type = BlobType.valueOf(p.getText());
          case "offset" -> offset = p.getLongValue();
          case "length" -> length = p.getIntValue();
          case "rawLength" -> rawLength = p.getIntValue();
          default -> p.skipChildren();
        }
      }
      if (id == null || type == null) {
        throw new CorruptObjectException(what + ": a blob without id or type");
      }
      blobs.add(new IndexEntry(id, type, pack, offset, length, rawLength));
    }
    return blobs;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws CorruptObjectException {
    if (actual != expected) {
      throw new CorruptObjectException(what + ": expected " + expected + ", found " + actual);
    }
  }
}
