package org.rehabtelemetry.runtime.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailFastTest {
  private final AtomicInteger status = new AtomicInteger(-1);
  private final CountDownLatch exited = new CountDownLatch(1);
  private FailFast.Exiter previous;

  @BeforeEach
  void observeExit() {
    previous =
        FailFast.exiter(
            code -> {
              status.set(code);
              exited.countDown();
            });
  }

  @AfterEach
  void restore() {
    FailFast.exiter(previous);
  }

  @Test
  void aScheduledTaskThatThrowsAnError_endsTheProcessWithExitCode70() throws Exception {
    ScheduledExecutorService scheduler = FailFast.scheduler("test-tick");
    scheduler.scheduleAtFixedRate(
        () -> {
          throw new OutOfMemoryError("simulated: Java heap space");
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
    assertTrue(exited.await(5, TimeUnit.SECONDS), "the failure must end the process");
    assertEquals(FailFast.EXIT_CODE, status.get());
    scheduler.shutdownNow();
  }
}
