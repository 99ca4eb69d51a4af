package io.volback.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** TestDockerConfig writes a docker CLI configuration folder as `docker context` does. */
final class TestDockerConfig {
  private TestDockerConfig() {}

  /** Writes the context name with the Docker endpoint host into dir (a DOCKER_CONFIG folder). */
  static Path context(Path dir, String name, String host) throws Exception {
    Path meta = dir.resolve("contexts/meta").resolve(sha256(name));
    Files.createDirectories(meta);
    Files.writeString(
        meta.resolve("meta.json"),
        "{\"Name\":\""
            + name
            + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
            + host
            + "\",\"SkipTLSVerify\":false}}}");
    return dir.resolve("contexts/tls").resolve(sha256(name)).resolve("docker");
  }

  /** Makes name the current context, as `docker context use name`. */
  static void use(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  static String sha256(String name) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
  }
}
