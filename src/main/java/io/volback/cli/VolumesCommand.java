package io.volback.cli;

import io.volback.app.UsageException;
import io.volback.cli.json.VolumeJson;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.VolumeInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** VolumesCommand lists the volumes of a Docker host and the containers that mount them. */
@Command(
    name = "volumes",
    description = "List volumes, the containers using them, and which are shared.")
final class VolumesCommand extends CommandBase {
  @Option(names = "--shared", description = "Only volumes mounted by two or more containers.")
  boolean shared;

  @Option(
      names = "--label",
      paramLabel = "KEY[=VALUE]",
      description = "Only volumes with this label (repeatable).")
  List<String> labels = List.of();

  @Override
  public Integer call() throws Exception {
    try (DockerHost host = DockerAccess.open(root.dockerHost)) {
      List<VolumeInfo> volumes =
          VolumeDiscovery.all(host).stream()
              .filter(v -> !shared || v.shared())
              .filter(v -> labels.stream().allMatch(l -> hasLabel(v.labels(), l)))
              .toList();
      if (json()) {
        printJson(volumes.stream().map(VolumeJson::of).toList());
        return ExitCode.OK;
      }
      Table table = new Table("Volume", "Driver", "Shared", "Compose", "Consumers");
      for (VolumeInfo v : volumes) {
        table.row(
            v.name() + (v.anonymous() ? " (anonymous)" : ""),
            v.driver(),
            v.shared() ? "yes" : "no",
            v.composeProject().orElse(""),
            consumers(v.consumers()));
      }
      table.print(out());
      out()
          .println(
              volumes.size()
                  + (volumes.size() == 1 ? " volume" : " volumes")
                  + " on "
                  + host.address());
    }
    return ExitCode.OK;
  }

  static boolean hasLabel(Map<String, String> labels, String filter) {
    int eq = filter.indexOf('=');
    if (filter.isBlank() || eq == 0) {
      throw new UsageException("--label takes KEY or KEY=VALUE, not '" + filter + "'");
    }
    return eq < 0
        ? labels.containsKey(filter)
        : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  private static String consumers(List<VolumeConsumer> consumers) {
    if (consumers.isEmpty()) {
      return "-";
    }
    return String.join(
        ", ",
        consumers.stream()
            .map(
                c ->
                    c.name()
                        + ":"
                        + c.mountPath()
                        + (c.readOnly() ? ":ro" : "")
                        + (c.running() ? " (running)" : " (stopped)"))
            .toList());
  }
}
