package org.rehabtelemetry.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's layering, pinned: no package cycles; each library only in its adapter package; Pi4J
 * and jssc not at all (the hardware module's adapters own them); the journal, alarms and sessions
 * knowing nothing of MQTT, the web or the CLI.
 */
@AnalyzeClasses(
    packages = "org.rehabtelemetry.agent",
    importOptions = ImportOption.DoNotIncludeTests.class)
class AgentArchitectureTest {
  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.rehabtelemetry.agent.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule pahoOnlyInTheMqttAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage("..agent.mqtt..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.eclipse.paho..");

  @ArchTest
  static final ArchRule noPi4jOrJsscInTheAgent =
      noClasses().should().dependOnClassesThat().resideInAnyPackage("com.pi4j..", "jssc..");

  @ArchTest
  static final ArchRule webLibrariesOnlyInTheUi =
      noClasses()
          .that()
          .resideOutsideOfPackage("..agent.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..");

  @ArchTest
  static final ArchRule picocliOnlyInTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("..agent.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");

  @ArchTest
  static final ArchRule prometheusOnlyInMetricsAndTheUi =
      noClasses()
          .that()
          .resideOutsideOfPackages("..agent.metrics..", "..agent.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.prometheus..");

  @ArchTest
  static final ArchRule theCoreKnowsNothingOfTransportOrScreens =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..agent.journal..",
              "..agent.alarm..",
              "..agent.session..",
              "..agent.sampling..",
              "..agent.summary..",
              "..agent.time..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..agent.mqtt..",
              "..agent.publish..",
              "..agent.ui..",
              "..agent.cli..",
              "..agent.metrics..");

  @ArchTest
  static final ArchRule jnaOnlyInTheRuntimesSystemdAdapter =
      noClasses().should().dependOnClassesThat().resideInAPackage("com.sun.jna..");
}
