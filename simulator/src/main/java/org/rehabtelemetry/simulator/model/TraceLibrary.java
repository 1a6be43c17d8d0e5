package org.rehabtelemetry.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.profile.DeviceProfiles;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.simulator.profile.SimulatedProfile;

/**
 * The library of model traces: each normal session with its abnormal twins, each reproducible from
 * its seed. A trace can be made at its default length or shorter (CI uses 20–40 s). The kinds with
 * a model of their own (verticalizer, movement trainer, hydrotherapy) have hand-made entries; every
 * other built-in kind (the phyto barrel) gets a normal session and an over-limit twin from {@link
 * GenericModel}, derived from its profile alone.
 */
public final class TraceLibrary {
  /**
   * One library trace.
   *
   * @param name e.g. {@code verticalizer-orthostatic}
   * @param kind its device kind
   * @param variant normal or the abnormal case
   * @param seed its random seed
   * @param defaultDurationS its default length in seconds
   * @param description what it shows, for listings
   */
  public record Entry(
      String name,
      DeviceKind kind,
      Variant variant,
      long seed,
      double defaultDurationS,
      String description) {
    /** Makes the trace at its default length. */
    public Trace generate() {
      return generate(defaultDurationS);
    }

    /** Makes the trace at another length (at least 10 s); same seed, same numbers per length. */
    public Trace generate(double durationS) {
      Model model = MODELS.get(kind);
      return model != null
          ? model.generate(name, variant, seed, durationS)
          : GenericModel.generate(SimulatedProfile.profile(kind), name, variant, seed, durationS);
    }
  }

  /** A hand-made model of one kind. */
  @FunctionalInterface
  private interface Model {
    Trace generate(String name, Variant variant, long seed, double durationS);
  }

  private static final Map<DeviceKind, Model> MODELS =
      Map.of(
          DeviceKind.VERTICALIZER, VerticalizerModel::generate,
          DeviceKind.MOVEMENT_TRAINER, MovementTrainerModel::generate,
          DeviceKind.HYDROTHERAPY, HydrotherapyModel::generate);

  private static final List<Entry> MODELLED =
      List.of(
          new Entry(
              "verticalizer-normal",
              DeviceKind.VERTICALIZER,
              Variant.NORMAL,
              1001,
              1200,
              "tilt in 15° steps to 60°, HR +10-15 /min, weight bearing ~70 % with L/R asymmetry"),
          new Entry(
              "verticalizer-orthostatic",
              DeviceKind.VERTICALIZER,
              Variant.ORTHOSTATIC,
              1002,
              1200,
              "orthostatic intolerance: HR rises >= 40 /min over the supine baseline"),
          new Entry(
              "verticalizer-vasovagal",
              DeviceKind.VERTICALIZER,
              Variant.VASOVAGAL,
              1003,
              1200,
              "vasovagal pattern: HR and SpO2 fall together"),
          new Entry(
              "verticalizer-estop",
              DeviceKind.VERTICALIZER,
              Variant.ESTOP,
              1004,
              1200,
              "the emergency stop pressed mid-session"),
          new Entry(
              "verticalizer-sensor-faults",
              DeviceKind.VERTICALIZER,
              Variant.SENSOR_FAULTS,
              1005,
              600,
              "oximeter dropout, garbage bytes on the hub, the hub unplugged for 3 s"),
          new Entry(
              "trainer-normal",
              DeviceKind.MOVEMENT_TRAINER,
              Variant.NORMAL,
              2001,
              1200,
              "passive 20 rpm, active 30 rpm, cool-down; one spasm"),
          new Entry(
              "trainer-spasms",
              DeviceKind.MOVEMENT_TRAINER,
              Variant.SPASMS,
              2002,
              1200,
              "a run of four spasms 12 s apart"),
          new Entry(
              "hydro-normal",
              DeviceKind.HYDROTHERAPY,
              Variant.NORMAL,
              3001,
              900,
              "shower massage in a 36 °C bath, jet pressure cycles 0.5-2 bar, 12 L/min"),
          new Entry(
              "hydro-overheating",
              DeviceKind.HYDROTHERAPY,
              Variant.OVERHEATING,
              3002,
              900,
              "the bath climbs to 41 °C"),
          new Entry(
              "hydro-loss-of-flow",
              DeviceKind.HYDROTHERAPY,
              Variant.LOSS_OF_FLOW,
              3003,
              900,
              "the flow stops at 60 %"));

  private static final List<Entry> ENTRIES = entries(MODELLED);

  private TraceLibrary() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  /**
   * The modelled entries, then two generic ones per other built-in kind (seeds 9001, 9002, ...).
   */
  private static List<Entry> entries(List<Entry> modelled) {
    List<Entry> all = new ArrayList<>(modelled);
    long seed = 9001;
    for (DeviceKind kind : DeviceProfiles.builtInKinds()) {
      if (MODELS.containsKey(kind)) {
        continue;
      }
      DeviceProfile profile = SimulatedProfile.profile(kind);
      all.add(
          new Entry(
              kind.wireName() + "-normal",
              kind,
              Variant.NORMAL,
              seed++,
              900,
              "from its profile: every channel inside its alarm limits"));
      if (GenericModel.hasOverLimitTwin(profile)) {
        all.add(
            new Entry(
                kind.wireName() + "-over-limit",
                kind,
                Variant.OVER_LIMIT,
                seed++,
                900,
                "from its profile: " + GenericModel.overLimitDescription(profile)));
      }
    }
    return List.copyOf(all);
  }

  public static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The programme settings the library's traces were modelled for, to arm a session with: the
   * hydrotherapy bath is prescribed at 36 °C (docs/domain.md), so the normal bath raises no alarm
   * and the overheating twin does.
   */
  public static java.util.Map<String, Double> programmeSettings(DeviceKind kind) {
    return kind.equals(DeviceKind.HYDROTHERAPY)
        ? java.util.Map.of("waterTempC", 36.0)
        : java.util.Map.of();
  }

  /** The entries of one device kind, normal first. */
  public static List<Entry> of(DeviceKind kind) {
    return ENTRIES.stream().filter(e -> e.kind().equals(kind)).toList();
  }
}
