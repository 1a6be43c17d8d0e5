package org.rehabtelemetry.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's layering, pinned: no package cycles; each library only in its adapter package; each
 * storage backend reached only through the storage port and the config that chooses it; the ingest
 * path knowing nothing of the web, the dashboard's accounts or the live view.
 */
@AnalyzeClasses(
    packages = "org.rehabtelemetry.gateway",
    importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.rehabtelemetry.gateway.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule pahoOnlyInTheMqttAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.mqtt..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.eclipse.paho..");

  @ArchTest
  static final ArchRule influxClientOnlyInTheV2Backend =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.storage.influxv2..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.influxdb..");

  @ArchTest
  static final ArchRule questDbOnlyInItsBackend =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.storage.questdb..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.questdb..");

  @ArchTest
  static final ArchRule webLibrariesOnlyInTheWebPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..");

  @ArchTest
  static final ArchRule picocliOnlyInTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");

  @ArchTest
  static final ArchRule backendsAreChosenByConfigOnly =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "..gateway.storage.influxv1..",
              "..gateway.storage.influxv2..",
              "..gateway.storage.questdb..",
              "..gateway.config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..gateway.storage.influxv1..",
              "..gateway.storage.influxv2..",
              "..gateway.storage.questdb..");

  @ArchTest
  static final ArchRule storageKnowsNothingAboveIt =
      noClasses()
          .that()
          .resideInAPackage("..gateway.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..gateway.ingest..",
              "..gateway.session..",
              "..gateway.web..",
              "..gateway.auth..",
              "..gateway.live..",
              "..gateway.alarms..",
              "..gateway.registry..");

  @ArchTest
  static final ArchRule ingestKnowsNothingOfTheWeb =
      noClasses()
          .that()
          .resideInAnyPackage("..gateway.ingest..", "..gateway.mqtt..", "..gateway.deadletter..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..gateway.web..",
              "..gateway.auth..",
              "..gateway.live..",
              "..gateway.alarms..",
              "..gateway.session..",
              "..gateway.metrics..");

  @ArchTest
  static final ArchRule jnaOnlyInTheRuntimesSystemdAdapter =
      noClasses().should().dependOnClassesThat().resideInAPackage("com.sun.jna..");
}
