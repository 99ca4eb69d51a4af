package io.volback.config;

import io.volback.config.YamlNode.Mark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** HostsReader reads the hosts section: the Docker engines, each with a unique name. */
final class HostsReader {
  /** Names appear in job ids, metrics and URLs: keep them plain. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private HostsReader() {}

  static List<DockerHostConfig> read(MapReader top) {
    List<YamlNode> items = top.list("hosts");
    if (items.isEmpty()) {
      return List.of(DockerHostConfig.defaultHost(null));
    }
    List<DockerHostConfig> hosts = new ArrayList<>();
    Map<String, Mark> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = top.path("hosts") + "[" + i + "]";
      Optional<MapReader> item = MapReader.ofItem(items.get(i), path, top.problems());
      if (item.isEmpty()) {
        continue;
      }
      MapReader r = item.get();
      DockerHostConfig host = host(r);
      r.finish();
      if (host.name() == null) {
        continue;
      }
      Mark first = seen.putIfAbsent(host.name(), r.markOf("name"));
      if (first != null) {
        r.problem("name", "host '" + host.name() + "' is defined twice (first at " + first + ")");
      } else {
        hosts.add(host);
      }
    }
    return hosts;
  }

  private static DockerHostConfig host(MapReader r) {
    String name = name(r, "host");
    String address = r.string("address");
    if (address != null && !address.startsWith("unix://") && !address.startsWith("tcp://")) {
      r.problem(
          "address",
          "'"
              + address
              + "' is not unix:///path/to/docker.sock or tcp://host:port"
              + (address.startsWith("ssh://")
                  ? " (ssh:// is not supported: forward the socket, see docs/configuration.md)"
                  : ""));
    }
    DockerHostConfig.Tls tls = tls(r);
    if (tls != null && address != null && !address.startsWith("tcp://")) {
      r.problem("tls", "TLS applies to tcp:// addresses only");
    }
    return new DockerHostConfig(name, address, tls, r.string("hostname"));
  }

  private static DockerHostConfig.Tls tls(MapReader r) {
    String certPath = r.string("cert-path");
    if (r.has("tls")) {
      MapReader t = r.map("tls");
      DockerHostConfig.Tls tls =
          new DockerHostConfig.Tls(t.string("ca"), t.string("cert"), t.string("key"));
      t.finish();
      if (certPath != null) {
        r.problem("cert-path", "give either tls or cert-path, not both");
      }
      if ((tls.cert() == null) != (tls.key() == null)) {
        t.problem(tls.cert() == null ? "key" : "cert", "cert and key go together");
      }
      return tls;
    }
    if (certPath == null) {
      return null;
    }
    Path dir = Path.of(certPath);
    return new DockerHostConfig.Tls(
        dir.resolve("ca.pem").toString(),
        dir.resolve("cert.pem").toString(),
        dir.resolve("key.pem").toString());
  }

  /** The required, plain name of a host or policy; reported and null when missing or bad. */
  static String name(MapReader r, String what) {
    String name = r.string("name");
    if (name == null) {
      r.problems().add(r.mark(), r.path("name"), "missing: every " + what + " needs a name");
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      r.problem(
          "name",
          "'" + name + "' is not a plain name (letters, digits, '.', '_' and '-'; no spaces)");
      return null;
    }
    return name;
  }
}
