package org.rehabtelemetry.gateway.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.testsupport.MutableClock;

class EnrolmentTest {
  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path dir;

  static BrokerAccount device(String id, String site) {
    return new BrokerAccount(id, AccountRole.DEVICE, site, "verticalizer", T, null);
  }

  @Test
  void accounts_surviveSaveAndLoad_withoutSecrets_readableByTheGateway() throws Exception {
    Enrolment enrolment =
        Enrolment.empty()
            .with(device("vert-01", "ward-b"))
            .with(new BrokerAccount("gateway-1", AccountRole.GATEWAY, null, null, T, null))
            .revoke("vert-01", T.plusSeconds(60));
    enrolment.save(dir);
    Enrolment loaded = Enrolment.load(dir);
    assertEquals(enrolment.accounts(), loaded.accounts());
    assertEquals(T.plusSeconds(60), loaded.find("vert-01").orElseThrow().revokedAt());
    String text = Files.readString(dir.resolve(Enrolment.FILE));
    assertFalse(text.contains("$7$"), "no hash in the registry");
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Enrolment.FILE))));
  }

  @Test
  void aTakenName_orADoubleRevocation_isRefusedWithTheReason() {
    Enrolment enrolment = Enrolment.empty().with(device("vert-01", "ward-b"));
    EnrolmentException taken =
        assertThrows(EnrolmentException.class, () -> enrolment.with(device("vert-01", "ward-c")));
    assertTrue(taken.getMessage().contains("vert-01 is already enrolled"), taken.getMessage());
    Enrolment revoked = enrolment.revoke("vert-01", T);
    EnrolmentException again =
        assertThrows(EnrolmentException.class, () -> revoked.revoke("vert-01", T));
    assertTrue(again.getMessage().contains("already revoked"), again.getMessage());
    assertThrows(EnrolmentException.class, () -> revoked.with(device("vert-01", "ward-b")));
    assertThrows(EnrolmentException.class, () -> revoked.revoke("nobody", T));
  }

  @Test
  void badNames_areRefusedAtEnrolment() {
    assertThrows(ProtocolException.class, () -> device("Vert 01", "ward-b"));
    assertThrows(ProtocolException.class, () -> device("vert-01", "ward/#"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BrokerAccount("gateway-1", AccountRole.GATEWAY, "ward-b", null, T, null));
  }

  @Test
  void aDamagedRegistry_isReportedWithTheFileAndTheEntry() throws Exception {
    Files.writeString(dir.resolve(Enrolment.FILE), "{\"accounts\":[{\"name\":\"vert-01\"}]}");
    EnrolmentException e = assertThrows(EnrolmentException.class, () -> Enrolment.load(dir));
    assertTrue(e.getMessage().contains("accounts[0] is not a valid account"), e.getMessage());
    Files.writeString(dir.resolve(Enrolment.FILE), "[1,2");
    EnrolmentException broken = assertThrows(EnrolmentException.class, () -> Enrolment.load(dir));
    assertTrue(broken.getMessage().contains(Enrolment.FILE), broken.getMessage());
  }

  @Test
  void theAcl_letsADeviceSpeakOnlyAsItself_andAGatewayReadAndCommand() {
    Enrolment enrolment =
        Enrolment.empty()
            .with(device("vert-01", "ward-b"))
            .with(device("vert-02", "ward-b"))
            .with(new BrokerAccount("gateway-1", AccountRole.GATEWAY, null, null, T, null))
            .revoke("vert-02", T);
    String acl = MosquittoFiles.acl(enrolment);
    assertTrue(
        acl.contains(
            "user vert-01\n"
                + "topic write rehab/v1/ward-b/vert-01/status\n"
                + "topic write rehab/v1/ward-b/vert-01/session\n"
                + "topic write rehab/v1/ward-b/vert-01/samples\n"
                + "topic write rehab/v1/ward-b/vert-01/alarm\n"
                + "topic write rehab/v1/ward-b/vert-01/summary\n"
                + "topic write rehab/v1/ward-b/vert-01/lost\n"
                + "topic write rehab/v1/ward-b/vert-01/live\n"
                + "topic read rehab/v1/ward-b/vert-01/cmd\n"),
        acl);
    assertTrue(
        acl.contains("user gateway-1\ntopic read rehab/v1/#\ntopic write rehab/v1/+/+/cmd\n"), acl);
    assertFalse(acl.contains("vert-02"), "a revoked device has no ACL entry");
    assertFalse(
        acl.contains("topic write rehab/v1/ward-b/vert-01/cmd"), "no device sends a command");
    assertFalse(
        acl.substring(0, acl.indexOf("\nuser ")).contains("topic"),
        "nothing is granted before the first user (to anonymous clients)");
    String passwords =
        MosquittoFiles.passwords(
            enrolment, Map.of("vert-01", "$7$a", "vert-02", "$7$b", "stranger", "$7$c"));
    assertEquals("vert-01:$7$a\n", passwords, "only active, enrolled accounts");
  }

  @Test
  void theGatewaysCheck_refusesUnknownRevokedAndMisplacedDevices_andRereadsTheRegistry()
      throws Exception {
    Enrolment.empty().with(device("vert-01", "ward-b")).with(device("vert-02", "ward-b")).save(dir);
    MutableClock clock = new MutableClock(T);
    EnrolledDevices check = new EnrolledDevices(dir, clock);
    assertEquals(null, check.refuse("ward-b", status("vert-01")));
    assertEquals("unknown device", check.refuse("ward-b", status("vert-09")));
    assertEquals(
        "device enrolled on site ward-b, not ward-c", check.refuse("ward-c", status("vert-01")));

    Enrolment.load(dir).revoke("vert-02", T).save(dir);
    Files.setLastModifiedTime(
        dir.resolve(Enrolment.FILE), java.nio.file.attribute.FileTime.from(T.plusSeconds(5)));
    assertEquals(null, check.refuse("ward-b", status("vert-02")), "reread at most once a second");
    clock.advance(java.time.Duration.ofMillis(1001));
    assertEquals("revoked device", check.refuse("ward-b", status("vert-02")));

    Files.writeString(dir.resolve(Enrolment.FILE), "damaged");
    Files.setLastModifiedTime(
        dir.resolve(Enrolment.FILE), java.nio.file.attribute.FileTime.from(T.plusSeconds(9)));
    clock.advance(java.time.Duration.ofMillis(1001));
    assertEquals(
        "revoked device",
        check.refuse("ward-b", status("vert-02")),
        "a damaged registry leaves the last good one in force");
    assertEquals(null, check.refuse("ward-b", status("vert-01")));
  }

  private static Message status(String device) {
    return new org.rehabtelemetry.protocol.DeviceStatus(
        new org.rehabtelemetry.protocol.Header(device, "b1", T),
        org.rehabtelemetry.protocol.DeviceState.ONLINE,
        org.rehabtelemetry.protocol.DeviceKind.VERTICALIZER,
        "0.1.0",
        true,
        null,
        null);
  }
}
