package io.volback.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DockerLayerTest {

  @Test
  void dockerPackageKnowsNothingOfTheRepositoryStoreOrApp() {
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.volback.docker");
    noClasses().that().resideInAPackage("io.volback.docker..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.volback.repo..", "io.volback.store..", "io.volback.app..", "io.volback.cli..",
            "io.volback.schedule..", "io.volback.server..", "io.volback.config..")
        .check(classes);
  }
}
