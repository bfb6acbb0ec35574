package io.khorosjdbc.emulator;

/**
 * Entry point of the standalone jar: parse flags, start, print the one "listening on" line, run
 * until killed.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    KhorosEmulator.Builder builder;
    try {
      builder = EmulatorCli.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(EmulatorCli.HELP);
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.print(EmulatorCli.HELP);
      return;
    }
    KhorosEmulator emulator = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "khoros-emulator-shutdown"));
    System.err.println("khoros-emulator: " + emulator.config());
    System.out.println("listening on " + emulator.baseUrl());
    System.out.flush();
    Thread.currentThread().join();
  }
}
