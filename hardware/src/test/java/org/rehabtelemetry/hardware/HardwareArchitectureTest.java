package org.rehabtelemetry.hardware;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hardware module's layering, pinned: no package cycles; Pi4J only in {@code pi4j}, jssc only
 * in {@code jssc}; the drivers see ports (interfaces), never an adapter.
 */
@AnalyzeClasses(
    packages = "org.rehabtelemetry.hardware",
    importOptions = ImportOption.DoNotIncludeTests.class)
class HardwareArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.rehabtelemetry.hardware.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule pi4jOnlyInItsAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("..hardware.pi4j..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.pi4j..");

  @ArchTest
  static final ArchRule jsscOnlyInItsAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("..hardware.jssc..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("jssc..");

  @ArchTest
  static final ArchRule driversSeePortsNotAdapters =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..hardware.hub..",
              "..hardware.oximeter..",
              "..hardware.gpio..",
              "..hardware.i2c..",
              "..hardware.serial..",
              "..hardware.fault..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..hardware.pi4j..", "..hardware.jssc..");
}
