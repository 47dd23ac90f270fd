package dev.layerlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Spark stays out of the workbench's start-up and of studies on this machine: only tuning.spark references it,
 * and nothing references tuning.spark (tuning.TrialBackends loads it by name when a study runs on Spark).
 */
class SparkIsolationTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.layerlab");

    @Test
    void onlyTuningSparkUsesSpark() {
        noClasses().that().resideOutsideOfPackage("dev.layerlab.tuning.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(classes);
    }

    @Test
    void nothingImportsTuningSpark() {
        noClasses().that().resideOutsideOfPackage("dev.layerlab.tuning.spark..")
                .should().dependOnClassesThat().resideInAPackage("dev.layerlab.tuning.spark..")
                .check(classes);
    }
}
