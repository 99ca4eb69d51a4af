package io.volback.repo.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CryptoProvider is where volback's own AES-GCM, HMAC-SHA256 and SHA-256 come from: the Amazon
 * Corretto Crypto Provider (AWS-LC, native) when its library loads and passes its self-tests, else
 * the JDK's providers. Picked once per process. VOLBACK_CRYPTO (or the system property
 * volback.crypto) set to "jdk" forces the JDK; "native" and "auto" (the default) use ACCP when it
 * is healthy. ACCP is not installed process-wide: TLS and the AWS SDK keep the JDK's providers.
 */
public final class CryptoProvider {
  public static final String ENV = "VOLBACK_CRYPTO";
  public static final String PROPERTY = "volback.crypto";

  private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
  private static final CryptoProvider JDK = new CryptoProvider(null, "JDK");

  private static volatile CryptoProvider chosen;

  /** null: the JDK's default lookup (getInstance(algorithm) without a provider). */
  private final Provider provider;

  private final String description;

  private CryptoProvider(Provider provider, String description) {
    this.provider = provider;
    this.description = description;
  }

  /** The provider this process uses, picked on the first call. */
  public static CryptoProvider get() {
    CryptoProvider result = chosen;
    if (result == null) {
      synchronized (CryptoProvider.class) {
        result = chosen;
        if (result == null) {
          result = pick(setting());
          LOG.debug("crypto provider: {}", result.description);
          chosen = result;
        }
      }
    }
    return result;
  }

  /** The JDK's providers, whatever the setting. */
  public static CryptoProvider jdk() {
    return JDK;
  }

  /** ACCP if it loads and is healthy, else null (with the reason logged at DEBUG). */
  public static CryptoProvider nativeOrNull() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      Throwable loadingError = accp.getLoadingError();
      if (loadingError != null) {
        LOG.debug("native crypto provider not loadable: {}", loadingError.toString());
        return null;
      }
      accp.assertHealthy();
      return new CryptoProvider(
          accp, "Amazon Corretto Crypto Provider " + accp.getVersionStr() + " (native)");
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("native crypto provider unusable: {}", e.toString());
      return null;
    }
  }

  static CryptoProvider pick(String setting) {
    String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "jdk":
        return new CryptoProvider(null, "JDK (forced by " + ENV + "=jdk)");
      case "auto":
      case "":
      case "native":
        CryptoProvider accp = nativeOrNull();
        if (accp != null) {
          return accp;
        }
        if (value.equals("native")) {
          LOG.warn("{}=native: the native crypto provider does not load; using the JDK's", ENV);
        }
        return new CryptoProvider(null, "JDK (the native provider does not load)");
      default:
        LOG.warn("{}={}: unknown value (auto, native or jdk); using auto", ENV, setting);
        return pick("auto");
    }
  }

  private static String setting() {
    String property = System.getProperty(PROPERTY);
    return property != null ? property : System.getenv(ENV);
  }

  public boolean isNative() {
    return provider != null;
  }

  /** Which provider this is, for logs and tests. */
  public String description() {
    return description;
  }

  public Cipher cipher(String transformation) {
    try {
      return provider == null
          ? Cipher.getInstance(transformation)
          : Cipher.getInstance(transformation, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(transformation + " is not available", e);
    }
  }

  public Mac mac(String algorithm) {
    try {
      return provider == null ? Mac.getInstance(algorithm) : Mac.getInstance(algorithm, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  public MessageDigest digest(String algorithm) {
    try {
      return provider == null
          ? MessageDigest.getInstance(algorithm)
          : MessageDigest.getInstance(algorithm, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
