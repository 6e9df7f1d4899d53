package dev.hourglass;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md §1: the engine is plain Java, and dependencies point one way. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hourglass");

    @Test
    void engineDependsOnNothingOfSpringOrOurFeatures() {
        noClasses().that().resideInAPackage("dev.hourglass.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                        "tools.jackson..", "com.fasterxml..", "dev.hourglass.dataset..", "dev.hourglass.job..",
                        "dev.hourglass.model..", "dev.hourglass.inference..", "dev.hourglass.system..")
                .check(MAIN);
    }

    @Test
    void modelDependsOnlyOnTheEngineAmongFeatures() {
        noClasses().that().resideInAPackage("dev.hourglass.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hourglass.job..", "dev.hourglass.inference..",
                        "dev.hourglass.dataset..")
                .check(MAIN);
    }

    /** {@code nearest} reads a stored dataset through the dataset module's API ({@code Datasets}), never its internals. */
    @Test
    void inferenceDoesNotReachIntoJobsOrDatasetInternals() {
        noClasses().that().resideInAPackage("dev.hourglass.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hourglass.job..",
                        "dev.hourglass.dataset.internal..")
                .check(MAIN);
    }

    @Test
    void datasetKnowsNothingOfJobsModelsOrInference() {
        noClasses().that().resideInAPackage("dev.hourglass.dataset..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hourglass.job..", "dev.hourglass.model..",
                        "dev.hourglass.inference..", "dev.hourglass.engine..")
                .check(MAIN);
    }
}
