package org.rehabtelemetry.gateway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.rehabtelemetry.gateway.auth.PasswordHash;
import picocli.CommandLine.Command;

/**
 * {@code hash-password}: reads a password (without echo on a terminal, else one line of stdin) and
 * prints its PBKDF2 hash for the config. The password itself is never printed or kept.
 */
@Command(
    name = "hash-password",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Hash an operator's password for dashboard.operators[].passwordHash.")
final class HashPasswordCommand implements Callable<Integer> {
  // On Java 17, which the gateway runs on, System.console() is null without a terminal (stdin
  // piped): the null check picks the one-line stdin path then.
  @SuppressWarnings("SystemConsoleNull")
  @Override
  public Integer call() {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("operator password: ");
    } else {
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? null : line.toCharArray();
      } catch (IOException e) {
        password = null;
      }
    }
    if (password == null || password.length < 8) {
      System.err.println("a password of at least 8 characters is needed");
      return 2;
    }
    System.out.println(PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS).text());
    Arrays.fill(password, '\0');
    return 0;
  }
}
