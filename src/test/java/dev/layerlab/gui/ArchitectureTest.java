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

    /**
     * Views only show view models: no thread started, no file read or written (background work goes through
     * gui/task, files through the view models and the engine).
     */
    @Test
    void noViewStartsThreadsOrTouchesFiles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.layerlab.gui");
        com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> views =
                com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("View")
                        .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Pane"))
                        .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Panel"))
                        .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Editor"))
                        .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Sheet"));
        noClasses().that(views).should().callMethod(Thread.class, "start")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .check(classes);
    }
}
