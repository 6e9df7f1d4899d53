package dev.hourglass.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class EngineArchitectureTests {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hourglass.engine");

    @Test
    void theEngineDependsOnlyOnTheJdk() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.hourglass.engine..", "java..", "jdk.incubator.vector..")
                .check(ENGINE);
    }

    @Test
    void onlyTheKernelPackageTouchesTheVectorApi() {
        noClasses().that().resideOutsideOfPackage("dev.hourglass.engine.kernel..")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .check(ENGINE);
    }
}
