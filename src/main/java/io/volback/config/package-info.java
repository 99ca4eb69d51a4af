/**
 * The service's configuration: the YAML file, the environment and the labels on volumes and
 * containers, turned into immutable, validated settings (policies, hooks, schedules).
 *
 * <ul>
 *   <li>ServiceConfig: everything `volback serve` runs; read by ConfigLoader from the YAML file
 *       (every problem one line, file:line:column and key) or made by zeroConfig from the CLI.
 *   <li>PolicyConfig: which volumes (VolumeSelector) on which hosts, when (CronSchedule: Quartz
 *       cron in a time zone), how long kept (RetentionSpec: restic's --keep-* rules), and how made
 *       consistent (stop, exec hooks: ContainerHooks).
 *   <li>VolumeLabels: a volume's volback.* labels (VolumeLabelSettings), which win over the file
 *       for that volume.
 *   <li>SecretRef: where a secret is read (file, environment variable, command), never the secret.
 * </ul>
 *
 * <p>Package-private: YamlReader and YamlNode (a YAML tree that remembers positions), MapReader
 * (typed reading of one mapping, reporting to Problems), and the section readers.
 */
package io.volback.config;
