package dev.layerlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Spark stays out of the workbench's start-up, of studies and of auto runs on this machine: only tuning.spark and
 * auto.spark reference it, and nothing else references them (tuning.TrialBackends and auto.NetworkRunners load them
 * by name when a run uses Spark).
 */
class SparkIsolationTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.layerlab");

    @Test
    void onlyTheSparkPackagesUseSpark() {
        noClasses().that().resideOutsideOfPackages("dev.layerlab.tuning.spark..", "dev.layerlab.auto.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(classes);
    }

    @Test
    void nothingImportsTheSparkPackages() {
        noClasses().that().resideOutsideOfPackages("dev.layerlab.tuning.spark..", "dev.layerlab.auto.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.layerlab.tuning.spark..", "dev.layerlab.auto.spark..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.layerlab.tuning.spark..")
                .should().dependOnClassesThat().resideInAPackage("dev.layerlab.auto.spark..")
                .check(classes);
    }
}
