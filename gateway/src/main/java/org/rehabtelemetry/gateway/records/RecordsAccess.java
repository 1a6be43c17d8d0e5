package org.rehabtelemetry.gateway.records;

import java.util.Optional;

/**
 * The clinical records if this gateway can give them, else why not in words (an operator reads it
 * as the answer of the records API). Immutable.
 *
 * @param records the records service, when available
 * @param unavailable why not, when not
 */
public record RecordsAccess(Optional<ClinicalRecords> records, String unavailable) {
  public static RecordsAccess of(ClinicalRecords records) {
    return new RecordsAccess(Optional.of(records), "");
  }

  public static RecordsAccess none(String why) {
    return new RecordsAccess(Optional.empty(), why);
  }
}
