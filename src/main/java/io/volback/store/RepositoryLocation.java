package io.volback.store;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * RepositoryLocation is the parsed form of the user's repository string (-r / VOLBACK_REPOSITORY).
 */
public sealed interface RepositoryLocation {

  /** The accepted forms, for error messages. */
  String FORMS = "a folder path, file:///absolute/path, s3://bucket or s3://bucket/prefix";

  /** A repository in a local folder. */
  record Folder(Path path) implements RepositoryLocation {}

  /** A repository in an S3 bucket, under prefix ("" for the bucket root). */
  record S3(String bucket, String prefix) implements RepositoryLocation {}

  /** Parses repository; throws IllegalArgumentException naming it and the accepted forms. */
  static RepositoryLocation parse(String repository) {
    return Parser.parse(repository);
  }

  /** Parser holds the parsing rules out of the public interface. */
  final class Parser {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    // user:secret@ in a URL is masked in messages.
    private static final Pattern USER_INFO =
        Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Parser() {}

    static RepositoryLocation parse(String repository) {
      if (repository == null || repository.isBlank()) {
        throw invalid(repository, "it is empty");
      }
      if (repository.startsWith("s3://")) {
        return s3(repository);
      }
      if (repository.startsWith("file:")) {
        return file(repository);
      }
      if (SCHEME.matcher(repository).find()
          && (repository.contains("://") || repository.toLowerCase().startsWith("s3:"))) {
        throw invalid(repository, "unsupported scheme");
      }
      return folder(repository, repository);
    }

    private static RepositoryLocation s3(String repository) {
      String rest = repository.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
      if (bucket.isEmpty()) {
        throw invalid(repository, "no bucket name");
      }
      if (bucket.contains("@")) {
        throw invalid(
            repository, "credentials do not belong in the URL; use the AWS credential chain");
      }
      if (!BUCKET.matcher(bucket).matches()) {
        throw invalid(repository, "'" + bucket + "' is not a valid bucket name");
      }
      if (!prefix.isEmpty()) {
        try {
          Keys.check(prefix);
        } catch (IllegalArgumentException e) {
          throw invalid(repository, "the prefix must be '/'-separated names without '..' or '//'");
        }
      }
      return new S3(bucket, prefix);
    }

    private static RepositoryLocation file(String repository) {
      URI uri;
      try {
        uri = new URI(repository);
      } catch (java.net.URISyntaxException e) {
        throw invalid(repository, "not a valid file URL");
      }
      if (!repository.startsWith("file:///") || uri.getPath() == null) {
        throw invalid(repository, "a file URL needs an absolute path: file:///path");
      }
      return folder(repository, uri.getPath());
    }

    private static RepositoryLocation folder(String repository, String path) {
      try {
        return new Folder(Path.of(path).toAbsolutePath().normalize());
      } catch (InvalidPathException e) {
        throw invalid(repository, "not a valid path");
      }
    }

    private static String trimSlashes(String s) {
      return s.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    private static IllegalArgumentException invalid(String repository, String reason) {
      String shown = repository == null ? "" : USER_INFO.matcher(repository).replaceFirst("$1***@");
      return new IllegalArgumentException(
          "invalid repository '" + shown + "' (" + reason + "): expected " + FORMS);
    }
  }
}
