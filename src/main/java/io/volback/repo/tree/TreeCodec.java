package io.volback.repo.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.CorruptObjectException;
import io.volback.repo.Id;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TreeCodec writes and reads tree nodes as JSON lines with Jackson's streaming API. The JSON is the
 * same as data binding would give (see repository-format.md), but a short command does not pay for
 * data binding's reflective set-up, which is most of an unchanged backup's tree work.
 */
final class TreeCodec {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TreeCodec() {}

  /** A generator that appends nodes to out; flush it before looking at out. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** Writes node as one JSON object; fields that are null or empty are left out. */
  static void write(JsonGenerator g, TreeNode n) throws IOException {
    FileEntry e = n.entry();
    g.writeStartObject();
    g.writeStringField("path", e.path());
    g.writeStringField("type", e.type().name());
    g.writeNumberField("mode", e.mode());
    g.writeNumberField("uid", e.uid());
    g.writeNumberField("gid", e.gid());
    writeInstant(g, "mtime", e.mtime());
    g.writeNumberField("size", e.size());
    if (e.linkTarget() != null && !e.linkTarget().isEmpty()) {
      g.writeStringField("link", e.linkTarget());
    }
    g.writeNumberField("devMajor", e.deviceMajor());
    g.writeNumberField("devMinor", e.deviceMinor());
    if (!e.xattrs().isEmpty()) {
      g.writeObjectFieldStart("xattrs");
      for (Map.Entry<String, String> x : e.xattrs().entrySet()) {
        g.writeStringField(x.getKey(), x.getValue());
      }
      g.writeEndObject();
    }
    if (e.inode() != null) {
      g.writeNumberField("inode", e.inode());
    }
    if (e.device() != null) {
      g.writeNumberField("device", e.device());
    }
    writeInstant(g, "ctime", e.ctime());
    if (!n.contentIds().isEmpty()) {
      g.writeArrayFieldStart("content");
      for (Id id : n.contentIds()) {
        g.writeString(id.hex());
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeInstant(JsonGenerator g, String name, Instant t) throws IOException {
    if (t != null) {
      g.writeStringField(name, IsoInstants.format(t));
    }
  }

  /** Reads one node from json[off, off+len); unknown fields are skipped. */
  static TreeNode read(byte[] json, int off, int len, String what) throws CorruptObjectException {
    try (JsonParser p = FACTORY.createParser(json, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CorruptObjectException(what + ": a tree line is not a JSON object");
      }
      Fields f = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        f.read(name, p);
      }
      return f.node(what);
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new CorruptObjectException(what + ": a tree line is not valid: " + e.getMessage());
    }
  }

  /** Fields collects a node's fields as they come. */
  private static final class Fields {
    String path;
    EntryType type;
    int mode;
    int uid;
    int gid;
    Instant mtime;
    long size;
    String link;
    int devMajor;
    int devMinor;
    Map<String, String> xattrs;
    Long inode;
    Long device;
    Instant ctime;
    List<Id> content;

    void read(String name, JsonParser p) throws IOException {
      switch (name) {
        case "path" -> path = p.getText();
        case "type" -> type = EntryType.valueOf(p.getText());
        case "mode" -> mode = p.getIntValue();
        case "uid" -> uid = p.getIntValue();
        case "gid" -> gid = p.getIntValue();
        case "mtime" -> mtime = IsoInstants.parse(p.getText());
        case "size" -> size = p.getLongValue();
        case "link" -> link = p.getText();
        case "devMajor" -> devMajor = p.getIntValue();
        case "devMinor" -> devMinor = p.getIntValue();
        case "inode" -> inode = p.getLongValue();
        case "device" -> device = p.getLongValue();
        case "ctime" -> ctime = IsoInstants.parse(p.getText());
        case "xattrs" -> {
          xattrs = new TreeMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            xattrs.put(key, p.getText());
          }
        }
        case "content" -> {
          content = new ArrayList<>();
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            content.add(Id.parse(p.getText()));
          }
        }
        default -> p.skipChildren();
      }
    }

    TreeNode node(String what) throws CorruptObjectException {
      if (path == null || type == null || mtime == null) {
        throw new CorruptObjectException(what + ": a tree line lacks path, type or mtime");
      }
      return new TreeNode(
          new FileEntry(
              path, type, mode, uid, gid, mtime, size, link, devMajor, devMinor, xattrs, inode,
              device, ctime),
          content);
    }
  }
}
