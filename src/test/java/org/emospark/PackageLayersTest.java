package org.emospark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package tree tells the data's journey: each stage is one top-level package, and a stage may use only
 * the stages before it. The order is documented in {@code docs/architecture.md}; change both together.
 */
class PackageLayersTest {
    /** Earliest first: foundations, then corpus -> lake -> features -> model -> train/evaluate -> scoring -> SQL. */
    static final List<String> STAGES = List.of(
            "config", "runtime", "metrics", "reject", "corpus", "lake", "ingest", "frames", "model", "executor",
            "features", "evaluate", "train", "scoring", "sql", "jobs", "cli");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.emospark");
    }

    @Test
    void everyStageUsesOnlyItselfAndEarlierStages() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String stage : STAGES) {
            layers = layers.layer(stage).definedBy("org.emospark." + stage + "..");
        }
        for (int i = 1; i < STAGES.size(); i++) {
            layers = layers.whereLayer(STAGES.get(i)).mayOnlyAccessLayers(STAGES.subList(0, i).toArray(String[]::new));
        }
        layers.whereLayer(STAGES.get(0)).mayNotAccessAnyLayer().check(production);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("org.emospark.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyClassBelongsToAStage() {
        String[] stagePackages = STAGES.stream().map(s -> "org.emospark." + s + "..").toArray(String[]::new);
        classes().should().resideInAnyPackage(stagePackages).check(production);
    }
}
