package io.khorosjdbc.emulator.data;

/**
 * The agent states of the emulated tenant, with the Care state type and the colour the user export
 * totals by.
 */
public enum AgentStateKind {
  AVAILABLE("Available", "AVAILABLE", "GREEN", 0.35),
  BUSY("Busy", "CUSTOM", "YELLOW", 0.20),
  MEETING("Meeting", "CUSTOM", "YELLOW", 0.07),
  TRAINING("Training", "CUSTOM", "YELLOW", 0.05),
  LUNCH("Lunch", "CUSTOM", "RED", 0.08),
  BREAK("Break", "CUSTOM", "RED", 0.10),
  OFFLINE("Offline", "OFFLINE", null, 0.15);

  private final String label;
  private final String type;
  private final String color;
  private final double weight;

  AgentStateKind(String label, String type, String color, double weight) {
    this.label = label;
    this.type = type;
    this.color = color;
    this.weight = weight;
  }

  public String label() {
    return label;
  }

  public String type() {
    return type;
  }

  /** GREEN, YELLOW, RED, or null for Offline. */
  public String color() {
    return color;
  }

  public boolean loggedIn() {
    return this != OFFLINE;
  }

  static AgentStateKind pick(double u) {
    double acc = 0;
    for (AgentStateKind k : values()) {
      acc += k.weight;
      if (u < acc) {
        return k;
      }
    }
    return OFFLINE;
  }
}
