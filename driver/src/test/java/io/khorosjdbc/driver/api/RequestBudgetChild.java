package io.khorosjdbc.driver.api;

import io.khorosjdbc.driver.api.RequestBudget.Priority;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The other process of {@link RequestBudgetSharedFileTest}: spends a budget on a shared file and
 * prints the wall-clock time of each send. Arguments: file, permits, window in ms, sends. Prints
 * {@code ready}, waits for {@code go} on standard input so that both processes start together, then
 * prints {@code sent <ms>} per send and {@code done}.
 */
public final class RequestBudgetChild {

  private RequestBudgetChild() {}

  public static void main(String[] args) throws Exception {
    RequestBudget budget =
        RequestBudget.of(
            Integer.parseInt(args[1]),
            Duration.ofMillis(Long.parseLong(args[2])),
            Optional.of(Path.of(args[0])));
    int sends = Integer.parseInt(args[3]);
    budget.waitMillis();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    if (!"go".equals(in.readLine())) {
      System.exit(2);
    }
    for (int i = 0; i < sends; i++) {
      budget.acquire(Priority.BACKGROUND, () -> false);
      System.out.println("sent " + System.currentTimeMillis());
      System.out.flush();
    }
    System.out.println("done");
    System.out.flush();
  }
}
