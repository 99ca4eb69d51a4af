package io.volback.testsupport;

import com.github.dockerjava.api.model.Image;
import io.volback.docker.DockerHost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * OldTestImages removes the images an earlier run of the tests built for content that has changed
 * since (each image is tagged by a digest of what it is made of, so every change of the jar makes a
 * new ~480 MB one; vfs engines keep each in full). Only images older than an hour, so that a run
 * from another clone still using its own build keeps it; an image a container uses is left (the
 * engine refuses without force).
 */
final class OldTestImages {
  private static final Duration MIN_AGE = Duration.ofHours(1);

  private OldTestImages() {}

  /** Removes the repository's images on host but current, built over an hour ago. */
  static void removeAllBut(DockerHost host, String repository, String current) {
    long before = Instant.now().minus(MIN_AGE).getEpochSecond();
    List<Image> images = host.client().listImagesCmd().withReferenceFilter(repository).exec();
    for (Image image : images) {
      if (image.getRepoTags() == null || image.getCreated() == null) {
        continue;
      }
      for (String tag : image.getRepoTags()) {
        if (tag.startsWith(repository + ":")
            && !tag.equals(current)
            && image.getCreated() < before) {
          try {
            host.client().removeImageCmd(tag).withForce(false).exec();
          } catch (RuntimeException inUseOrGone) {
            // a container still uses it, or another run removed it first
          }
        }
      }
    }
  }
}
