package io.volback.entry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * TarEntrySource streams the members of a tar (ustar, PAX or GNU) as entries. Names are normalised
 * to "/a/b"; with stripFirstComponent the first component is dropped, as for Docker's archive
 * endpoint, which names the members of path=/data "data/...". A synthetic root (0755, 0:0) is
 * emitted when the first member is not the root. The input stream is not closed.
 *
 * <p>The archive comes from a host that may be compromised, so it is checked as it streams (see
 * {@link TreeOrder}): a ".." component, a duplicate path, a member before its parent directory or
 * under a non-directory fails the whole read with an error naming the member.
 */
public final class TarEntrySource implements EntrySource {
  private static final String SCHILY_XATTR = "SCHILY.xattr.";
  private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

  private final InputStream in;
  private final boolean stripFirstComponent;
  private String rootName;

  public TarEntrySource(InputStream tar, boolean stripFirstComponent) {
    this.in = tar;
    this.stripFirstComponent = stripFirstComponent;
  }

  @Override
  public void forEach(EntryVisitor visitor) throws IOException {
    RawPaxTarInputStream tar = new RawPaxTarInputStream(in);
    ContentOpener opener =
        () ->
            new FilterInputStream(tar) {
              @Override
              public void close() {
                // The member's stream ends with the member; the archive stays open for the next
                // one.
              }
            };
    TreeOrder order = new TreeOrder();
    rootName = null;
    boolean first = true;
    TarArchiveMember member;
    while ((member = next(tar)) != null) {
      FileEntry entry = toEntry(member);
      if (first && !entry.isRoot()) {
        FileEntry root = FileEntry.builder("/", EntryType.DIRECTORY).mode(0755).build();
        order.check(root.path(), root.type(), member.name());
        visitor.visit(root, null);
      }
      first = false;
      order.check(entry.path(), entry.type(), member.name());
      if (entry.type() == EntryType.HARDLINK) {
        order.checkLinkTarget(entry.path(), entry.linkTarget(), member.name());
      }
      visitor.visit(entry, entry.type() == EntryType.FILE ? opener : null);
    }
  }

  /** A tar member with its name and link target as read from the archive, bytes decoded. */
  private record TarArchiveMember(
      TarArchiveEntry entry, String name, String linkName, Map<String, byte[]> rawPax) {}

  /**
   * The next member. Names are bytes: a PAX path/linkpath record is taken raw (commons-compress
   * would decode it as UTF-8, mangling other bytes), a header field byte for byte (the stream reads
   * them as ISO-8859-1); both are then mapped with ByteNames, whatever the JVM's encoding.
   */
  private static TarArchiveMember next(RawPaxTarInputStream tar) throws IOException {
    TarArchiveEntry m = tar.next();
    if (m == null) {
      return null;
    }
    Map<String, byte[]> rawPax = tar.rawPaxHeaders();
    return new TarArchiveMember(
        m,
        rawName(rawPax.get("path"), m.getName()),
        rawName(rawPax.get("linkpath"), m.getLinkName()),
        rawPax);
  }

  private static String rawName(byte[] pax, String headerField) {
    byte[] bytes = pax != null ? pax : headerField.getBytes(StandardCharsets.ISO_8859_1);
    return ByteNames.decode(bytes);
  }

  private String path(String name) throws IOException {
    String path = TarNames.toPath(name);
    if (!stripFirstComponent) {
      return path;
    }
    String first = TarNames.first(path);
    if (rootName == null) {
      rootName = first;
    } else if (!first.equals(rootName)) {
      throw new IOException(
          "archive member "
              + ByteNames.printable(name)
              + ": not under "
              + ByteNames.printable(rootName)
              + "/ like the members before it; the archive is refused");
    }
    return TarNames.stripFirst(path);
  }

  private FileEntry toEntry(TarArchiveMember member) throws IOException {
    TarArchiveEntry m = member.entry();
    EntryType type = type(m);
    FileEntry.Builder b =
        FileEntry.builder(path(member.name()), type)
            .mode(m.getMode() & 07777)
            .uid((int) m.getLongUserId())
            .gid((int) m.getLongGroupId())
            .mtime(
                m.getLastModifiedTime() == null
                    ? Instant.EPOCH
                    : m.getLastModifiedTime().toInstant())
            .xattrs(xattrs(m, member.rawPax()));
    switch (type) {
      case FILE -> b.size(m.isSparse() ? m.getRealSize() : m.getSize());
      case SYMLINK -> b.linkTarget(linkTarget(member));
      case HARDLINK -> b.linkTarget(path(linkTarget(member)));
      case CHAR_DEVICE, BLOCK_DEVICE -> b.device(m.getDevMajor(), m.getDevMinor());
      default -> {}
    }
    return b.build();
  }

  private static String linkTarget(TarArchiveMember member) throws IOException {
    if (member.linkName().indexOf('\0') >= 0 || member.linkName().isEmpty()) {
      throw new IOException(
          "archive member "
              + ByteNames.printable(member.name())
              + ": its link target is empty or holds a NUL byte; the archive is refused");
    }
    return member.linkName();
  }

  private static EntryType type(TarArchiveEntry m) throws IOException {
    if (m.isDirectory()) {
      return EntryType.DIRECTORY;
    } else if (m.isSymbolicLink()) {
      return EntryType.SYMLINK;
    } else if (m.isLink()) {
      return EntryType.HARDLINK;
    } else if (m.isFIFO()) {
      return EntryType.FIFO;
    } else if (m.isCharacterDevice()) {
      return EntryType.CHAR_DEVICE;
    } else if (m.isBlockDevice()) {
      return EntryType.BLOCK_DEVICE;
    } else if (m.isFile() || m.isSparse()) {
      return EntryType.FILE;
    }
    throw new IOException(
        m.getName() + ": unsupported tar member type '" + (char) m.getLinkFlag() + "'");
  }

  /**
   * SCHILY.xattr.NAME carries the raw value; LIBARCHIVE.xattr.NAME (URL-encoded name, base64 value)
   * wins when both are present. An empty value is an empty attribute, as for GNU tar.
   */
  private static Map<String, String> xattrs(TarArchiveEntry m, Map<String, byte[]> rawPax)
      throws IOException {
    for (String key : m.getExtraPaxHeaders().keySet()) {
      if ((key.startsWith(SCHILY_XATTR) || key.startsWith(LIBARCHIVE_XATTR))
          && !rawPax.containsKey(key)) {
        throw new IOException(
            m.getName()
                + ": PAX header "
                + key
                + " was parsed by"
                + " commons-compress but not seen raw; has its way of reading PAX headers changed?");
      }
    }
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, byte[]> h : rawPax.entrySet()) {
      if (h.getKey().startsWith(SCHILY_XATTR)) {
        result.putIfAbsent(
            h.getKey().substring(SCHILY_XATTR.length()), base64.encodeToString(h.getValue()));
      }
    }
    for (Map.Entry<String, byte[]> h : rawPax.entrySet()) {
      if (h.getKey().startsWith(LIBARCHIVE_XATTR)) {
        String name =
            URLDecoder.decode(
                h.getKey().substring(LIBARCHIVE_XATTR.length()).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        String value = new String(h.getValue(), StandardCharsets.US_ASCII).trim();
        try {
          result.put(name, base64.encodeToString(Base64.getDecoder().decode(value)));
        } catch (IllegalArgumentException e) {
          throw new IOException(m.getName() + ": " + h.getKey() + " is not base64", e);
        }
      }
    }
    return result;
  }
}
