package io.volback;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of design.md, enforced: store &lt; repo &lt; app &lt; cli, docker beside repo, the
 * entry model below both. Only app joins the repository and Docker.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.volback");

  @Test
  void layersOnlyDependDownwards() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("io.volback.cli..")
        .layer("app").definedBy("io.volback.app..")
        .layer("repo").definedBy("io.volback.repo..")
        .layer("docker").definedBy("io.volback.docker..")
        .layer("store").definedBy("io.volback.store..")
        .layer("entry").definedBy("io.volback.entry..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("app").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("repo").mayOnlyBeAccessedByLayers("app", "cli")
        .whereLayer("docker").mayOnlyBeAccessedByLayers("app", "cli")
        .whereLayer("store").mayOnlyBeAccessedByLayers("repo", "app", "cli")
        .whereLayer("entry").mayOnlyBeAccessedByLayers("repo", "docker", "app", "cli")
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.volback.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
