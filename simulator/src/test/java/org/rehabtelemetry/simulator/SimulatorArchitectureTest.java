package org.rehabtelemetry.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator's layering: no package cycles; models and profiles know nothing of replay, the
 * fleet or the demo; picocli only in the CLI.
 */
@AnalyzeClasses(
    packages = "org.rehabtelemetry.simulator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SimulatorArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.rehabtelemetry.simulator.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule modelsKnowNothingOfHowTheyArePlayed =
      noClasses()
          .that()
          .resideInAnyPackage("..simulator.model..", "..simulator.profile..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..simulator.replay..",
              "..simulator.fleet..",
              "..simulator.demo..",
              "..simulator.cli..");

  @ArchTest
  static final ArchRule picocliOnlyInTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("..simulator.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");
}
