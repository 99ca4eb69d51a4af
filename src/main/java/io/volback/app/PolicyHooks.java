package io.volback.app;

import io.volback.config.ContainerHookLabels;
import io.volback.config.ContainerHooks;
import io.volback.config.PolicyConfig;
import io.volback.docker.VolumeConsumer;
import java.util.function.Function;

/**
 * PolicyHooks is what the service asks of a container that mounts a volume it backs up: the
 * container's own labels first, then its policy's consistency settings (stop every running
 * consumer; commands for containers by name). A label that is set wins even when it says less
 * (volback.stop=false keeps a container running that the policy would stop).
 */
public record PolicyHooks(PolicyConfig policy) implements Function<VolumeConsumer, ContainerHooks> {

  @Override
  public ContainerHooks apply(VolumeConsumer c) {
    ContainerHooks labels = ContainerHookLabels.parse(c.name(), c.labels());
    if (policy == null) {
      return labels;
    }
    PolicyConfig.Consistency consistency = policy.consistency();
    ContainerHooks configured =
        consistency.exec().stream()
            .filter(e -> e.container().equals(c.name()))
            .map(PolicyConfig.ExecHook::hooks)
            .findFirst()
            .orElse(ContainerHooks.NONE);
    boolean stop =
        c.labels().containsKey(ContainerHookLabels.STOP)
            ? labels.stop()
            : consistency.stop() && c.running();
    return new ContainerHooks(
        stop,
        labelOr(c, ContainerHookLabels.EXEC_PRE, labels.execPre(), configured.execPre()),
        labelOr(c, ContainerHookLabels.EXEC_POST, labels.execPost(), configured.execPost()),
        c.labels().containsKey(ContainerHookLabels.EXEC_TIMEOUT)
            ? labels.execTimeout()
            : configured.execTimeout(),
        c.labels().containsKey(ContainerHookLabels.EXEC_ON_ERROR)
            ? labels.onError()
            : configured.onError());
  }

  private static <T> T labelOr(VolumeConsumer c, String key, T fromLabel, T fromPolicy) {
    return c.labels().containsKey(key) ? fromLabel : fromPolicy;
  }
}
