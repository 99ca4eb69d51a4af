package io.volback.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * VolumeSelector says which volumes a policy protects; every condition given must hold. It works on
 * plain values (names and label maps) so that it needs nothing from the docker package.
 *
 * @param names name globs ('*' any run of characters, '?' one); empty matches every name
 * @param volumeLabels labels the volume must carry; a null value means any value
 * @param consumerLabels labels one container mounting the volume must carry (null: any value)
 * @param composeProject the compose project (com.docker.compose.project) of the volume or of a
 *     container mounting it; null for any
 * @param sharedOnly only volumes mounted by two or more containers
 * @param anonymous include anonymous volumes (64 hex characters, unnamed); off by default
 */
public record VolumeSelector(
    List<String> names,
    Map<String, String> volumeLabels,
    Map<String, String> consumerLabels,
    String composeProject,
    boolean sharedOnly,
    boolean anonymous) {

  public static final String COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

  /** Selects every named volume. */
  public static final VolumeSelector ALL =
      new VolumeSelector(List.of(), Map.of(), Map.of(), null, false, false);

  public VolumeSelector {
    names = List.copyOf(names);
    // LinkedHashMap, not Map.copyOf: a null value means "any value".
    volumeLabels = Collections.unmodifiableMap(new LinkedHashMap<>(volumeLabels));
    consumerLabels = Collections.unmodifiableMap(new LinkedHashMap<>(consumerLabels));
  }

  /**
   * True when this selector takes the volume.
   *
   * @param name the volume's name
   * @param labels the volume's labels
   * @param isAnonymous whether the volume is anonymous
   * @param consumersLabels the labels of each container that mounts the volume, running or not
   */
  public boolean matches(
      String name,
      Map<String, String> labels,
      boolean isAnonymous,
      List<Map<String, String>> consumersLabels) {
    return (anonymous || !isAnonymous)
        && matchesName(name)
        && hasAll(labels, volumeLabels)
        && (consumerLabels.isEmpty()
            || consumersLabels.stream().anyMatch(c -> hasAll(c, consumerLabels)))
        && (composeProject == null
            || composeProject.equals(labels.get(COMPOSE_PROJECT_LABEL))
            || consumersLabels.stream()
                .anyMatch(c -> composeProject.equals(c.get(COMPOSE_PROJECT_LABEL))))
        && (!sharedOnly || consumersLabels.size() >= 2);
  }

  /** True when the name conditions alone take name. */
  public boolean matchesName(String name) {
    return names.isEmpty() || names.stream().anyMatch(g -> glob(g).matcher(name).matches());
  }

  /** True when glob has no wildcard: it names one volume. */
  public static boolean isLiteral(String glob) {
    return glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static boolean hasAll(Map<String, String> have, Map<String, String> want) {
    for (Map.Entry<String, String> w : want.entrySet()) {
      if (!have.containsKey(w.getKey())
          || (w.getValue() != null && !Objects.equals(w.getValue(), have.get(w.getKey())))) {
        return false;
      }
    }
    return true;
  }
}
