package io.volback.cli;

import io.volback.app.ScratchVolumes;
import io.volback.app.VolumeSelection;
import io.volback.cli.json.VolumeJson;
import io.volback.docker.DockerHost;
import io.volback.docker.VolumeConsumer;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.VolumeInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** VolumesCommand lists the volumes of a Docker host and the containers that mount them. */
@Command(
    name = "volumes",
    description = "List volumes, the containers using them, and which are shared.")
final class VolumesCommand extends CommandBase {
  @Mixin DockerHostOption dockerHostOption;

  @Option(names = "--shared", description = "Only volumes mounted by two or more containers.")
  boolean shared;

  @Option(
      names = "--label",
      paramLabel = "KEY[=VALUE]",
      description = "Only volumes with this label (repeatable).")
  List<String> labels = List.of();

  @Override
  public Integer call() throws Exception {
    VolumeSelection selection = new VolumeSelection(labels, List.of());
    try (DockerHost host = DockerAccess.open(dockerHost(dockerHostOption), root.dockerContext)) {
      List<VolumeInfo> volumes =
          VolumeDiscovery.all(host).stream()
              .filter(v -> !shared || v.shared())
              .filter(selection::matches)
              .toList();
      if (root.quiet && !json()) {
        // docker volume ls -q: names only, one a line, for scripts
        volumes.forEach(v -> out().println(v.name()));
        return ExitCode.OK;
      }
      if (json()) {
        printJson(volumes.stream().map(VolumeJson::of).toList());
        return ExitCode.OK;
      }
      Table table = new Table("Volume", "Driver", "Shared", "Compose", "Consumers");
      for (VolumeInfo v : volumes) {
        table.row(
            v.name()
                + (v.anonymous() ? " (anonymous)" : "")
                + (ScratchVolumes.isScratch(v.labels()) ? " (drill scratch)" : ""),
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
