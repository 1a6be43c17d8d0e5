package org.rehabtelemetry.gateway.enrolment;

/** The enrolment registry cannot be read, or a provisioning step is not allowed; says which. */
public final class EnrolmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnrolmentException(String message) {
    super(message);
  }

  public EnrolmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
