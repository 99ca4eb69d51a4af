package io.volback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, enforced: each package names the packages it may
 * use. The packages later issues add (config, hooks, notify, drill, schedule, server) are optional
 * layers, so their rules hold from the day they appear.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.volback");

  @Test
  void packagesOnlyUseThePackagesBelowThem() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("cli")
        .definedBy("io.volback.cli..")
        .layer("wiring")
        .definedBy("io.volback.wiring..")
        .optionalLayer("server")
        .definedBy("io.volback.server..")
        .optionalLayer("schedule")
        .definedBy("io.volback.schedule..")
        .layer("app")
        .definedBy("io.volback.app..")
        .optionalLayer("hooks")
        .definedBy("io.volback.hooks..")
        .optionalLayer("notify")
        .definedBy("io.volback.notify..")
        .optionalLayer("maintenance")
        .definedBy("io.volback.maintenance..")
        .layer("backup")
        .definedBy("io.volback.backup..")
        .layer("restore")
        .definedBy("io.volback.restore..")
        .layer("maintenance")
        .definedBy("io.volback.maintenance..")
        .layer("repo")
        .definedBy("io.volback.repo..")
        .layer("docker")
        .definedBy("io.volback.docker..")
        .optionalLayer("config")
        .definedBy("io.volback.config..")
        .layer("store")
        .definedBy("io.volback.store..")
        .layer("entry")
        .definedBy("io.volback.entry..")
        .layer("concurrent")
        .definedBy("io.volback.concurrent..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("wiring")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("wiring")
        .mayOnlyAccessLayers("app", "docker", "repo", "store", "entry", "concurrent")
        .whereLayer("server")
        .mayOnlyAccessLayers("schedule", "app", "config", "repo", "store", "entry", "concurrent")
        .whereLayer("schedule")
        .mayOnlyAccessLayers("app", "notify", "config", "concurrent")
        .whereLayer("app")
        .mayOnlyAccessLayers(
            "hooks",
            "notify",
            "maintenance",
            "backup",
            "restore",
            "maintenance",
            "repo",
            "docker",
            "config",
            "store",
            "entry",
            "concurrent")
        .whereLayer("hooks")
        .mayOnlyAccessLayers("docker", "config", "entry", "concurrent")
        .whereLayer("notify")
        .mayOnlyAccessLayers("config", "concurrent")
        .whereLayer("maintenance")
        .mayOnlyAccessLayers("repo", "store", "entry", "concurrent")
        .whereLayer("backup")
        .mayOnlyAccessLayers("repo", "store", "entry", "concurrent")
        .whereLayer("restore")
        .mayOnlyAccessLayers("repo", "store", "entry", "concurrent")
        .whereLayer("maintenance")
        .mayOnlyAccessLayers("repo", "store", "entry", "concurrent")
        .whereLayer("repo")
        .mayOnlyAccessLayers("store", "entry", "concurrent")
        .whereLayer("docker")
        .mayOnlyAccessLayers("entry", "concurrent")
        .whereLayer("config")
        .mayOnlyAccessLayers("concurrent")
        .whereLayer("store")
        .mayOnlyAccessLayers("concurrent")
        .whereLayer("entry")
        .mayOnlyAccessLayers("concurrent")
        .whereLayer("concurrent")
        .mayNotAccessAnyLayer()
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.volback.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void repositoryPartsHaveNoCyclesAmongThemselves() {
    slices().matching("io.volback.repo.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void repositoryPartsUseOnlyTheBasicsOfTheFacadePackage() {
    noClasses()
        .that()
        .resideInAPackage("io.volback.repo.*..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.volback.repo.Repository")
        .check(MAIN);
  }
}
