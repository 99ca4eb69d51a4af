package io.volback.store;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * S3Errors turns SDK exceptions into StoreExceptions a user can act on. Messages name the operation
 * and key, the bucket or endpoint, never credentials; AWS error texts are only quoted for
 * unclassified errors.
 */
final class S3Errors {
  private static final Set<String> ACCESS_CODES =
      Set.of(
          "AccessDenied",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "TokenRefreshRequired",
          "AllAccessDisabled");
  // The body the server received does not match the digest sent with it: damaged on the way, so
  // sending it again may work.
  private static final Set<String> DAMAGED_BODY_CODES =
      Set.of("BadDigest", "XAmzContentSHA256Mismatch", "IncompleteBody");

  private final S3Location location;
  private final String endpoint;

  S3Errors(S3Location location, String endpoint) {
    this.location = location;
    this.endpoint = endpoint;
  }

  /** Maps e, raised while doing action ("cannot write object config"), on key (null for list). */
  StoreException map(SdkException e, String action, String key) {
    if (e instanceof AwsServiceException service) {
      return service(service, action, key);
    }
    return client(e, action);
  }

  /** Maps an I/O error while reading a response body: the connection broke, retrying may help. */
  StoreException readFailure(String action, IOException e) {
    return new StoreException(action + ": " + unreachable(networkReason(e)), false, e);
  }

  private StoreException service(AwsServiceException e, String action, String key) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if ("NoSuchBucket".equals(code)) {
      return new BucketNotFoundException(location.url(), location.bucket(), endpoint, e);
    }
    if (status == 404 && key != null) {
      return new ObjectNotFoundException(location.url(), key);
    }
    if (status == 403 || ACCESS_CODES.contains(code)) {
      String detail = code == null ? "" : " (" + code + ")";
      return permanent(
          action, "access denied to " + location.url() + ": check the S3 credentials" + detail, e);
    }
    if (DAMAGED_BODY_CODES.contains(code)) {
      return new StoreException(
          action
              + ": S3 at "
              + endpoint
              + " received a damaged body (HTTP "
              + status
              + " "
              + code
              + ")",
          false,
          e);
    }
    // AWS answers 409 to a conditional write that races another one on the same key: try again.
    if (status >= 500
        || status == 429
        || "ConditionalRequestConflict".equals(code)
        || e.isThrottlingException()
        || "RequestTimeout".equals(code)) {
      String reason = "HTTP " + status + (code == null ? "" : " " + code);
      return new StoreException(action + ": " + unreachable(reason), false, e);
    }
    String detail = e.awsErrorDetails() == null ? "" : ": " + e.awsErrorDetails().errorMessage();
    return permanent(
        action,
        "S3 at "
            + endpoint
            + " refused the request with HTTP "
            + status
            + (code == null ? "" : " " + code)
            + detail,
        e);
  }

  private StoreException client(SdkException e, String action) {
    if (hasMessage(e, S3Clients.NO_CREDENTIALS)) {
      return permanent(
          action,
          "no S3 credentials found for "
              + location.url()
              + ": configure the AWS credential chain (environment, shared credentials file,"
              + " or instance role)",
          e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      // A certificate the client does not trust stays untrusted: retrying cannot help.
      return permanent(
          action,
          "TLS handshake with S3 endpoint "
              + endpoint
              + " failed ("
              + tlsReason(tls)
              + "): to trust a private CA, pass its certificate with --cacert FILE"
              + " (env VOLBACK_CACERT)",
          e);
    }
    String reason = networkReason(e);
    if (reason != null) {
      return new StoreException(action + ": " + unreachable(reason), false, e);
    }
    return permanent(action, "S3 client error at " + endpoint + ": " + e.getMessage(), e);
  }

  private String unreachable(String reason) {
    return "cannot reach S3 endpoint " + endpoint + ": " + reason;
  }

  /** A short reason when e was caused by the network, else null. */
  private static String networkReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof SocketTimeoutException
          || t instanceof ApiCallTimeoutException
          || t instanceof ApiCallAttemptTimeoutException) {
        return "timed out";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      }
    }
    return null;
  }

  private static String tlsReason(SSLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return "the server's certificate is not trusted";
      }
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean hasMessage(Throwable e, String message) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (message.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static StoreException permanent(String action, String reason, Throwable cause) {
    return new StoreException(action + ": " + reason, true, cause);
  }
}
