package dev.layerlab.gui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine never depends on JavaFX or on the GUI: only dev.layerlab.gui may (and the window's benchmarks). */
class ArchitectureTest {

    @Test
    void onlyTheGuiUsesJavaFx() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.layerlab");
        noClasses().that().resideOutsideOfPackages("dev.layerlab.gui..", "dev.layerlab.bench.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.layerlab.gui..", "atlantafx..", "org.controlsfx..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
