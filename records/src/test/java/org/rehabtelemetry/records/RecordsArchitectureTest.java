package org.rehabtelemetry.records;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The records' layering, pinned: no package cycles; PDF and chart libraries only in {@code pdf}.
 */
@AnalyzeClasses(
    packages = "org.rehabtelemetry.records",
    importOptions = ImportOption.DoNotIncludeTests.class)
class RecordsArchitectureTest {
  @ArchTest
  static final ArchRule noCycles =
      slices().matching("org.rehabtelemetry.records.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule pdfAndChartsOnlyInThePdfPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("..records.pdf..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.lowagie..", "org.jfree..");

  @ArchTest
  static final ArchRule noDriversInTheRecords =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jssc..", "com.pi4j..", "org.rehabtelemetry.hardware.port..");
}
