package dev.layerlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine never depends on JavaFX: the GUI is one face of three (GUI, CLI, Java API). */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.layerlab");

    @Test
    void onlyTheGuiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.layerlab.gui..", "dev.layerlab.bench.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
                .check(classes);
    }

    @Test
    void theEngineDoesNotDependOnItsFaces() {
        noClasses().that().resideInAnyPackage("dev.layerlab.data..", "dev.layerlab.model..", "dev.layerlab.training..",
                        "dev.layerlab.experiment..", "dev.layerlab.export..", "dev.layerlab.runs..",
                        "dev.layerlab.tuning..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.layerlab.cli..", "dev.layerlab.gui..")
                .check(classes);
    }

    @Test
    void theGuiUsesTheEngineNotTheCli() {
        noClasses().that().resideInAPackage("dev.layerlab.gui..")
                .should().dependOnClassesThat().resideInAPackage("dev.layerlab.cli..")
                .check(classes);
    }

    /** Every package of dev.layerlab is a slice, sub-packages included, so a cycle anywhere fails. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("(**)").should().beFreeOfCycles().check(classes);
    }

    /** The benchmark suite (src/bench/java) measures the application; no application class depends on it. */
    @Test
    void noApplicationClassUsesTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("dev.layerlab.bench..")
                .should().dependOnClassesThat().resideInAPackage("dev.layerlab.bench..")
                .check(classes);
    }
}
