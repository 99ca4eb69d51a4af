package io.volback.store;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The store is the bottom layer: it must not know about any other volback package. */
class StoreLayerTest {

  @Test
  void storeDependsOnNoOtherVolbackPackage() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.volback.store");

    noClasses().that().resideInAPackage("io.volback.store..")
        .should().dependOnClassesThat(
            resideInAPackage("io.volback..").and(not(resideInAPackage("io.volback.store.."))))
        .check(classes);
  }
}
