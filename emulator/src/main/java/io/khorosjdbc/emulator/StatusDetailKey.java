package io.khorosjdbc.emulator;

/**
 * The name of the status field that says how a closed job ended: {@code detail}, as the status
 * reference spells it, or {@code details}, as the legacy jobs listing does.
 */
public enum StatusDetailKey {
  DETAIL,
  DETAILS;

  /** The field name in the status {@code result}. */
  public String field() {
    return this == DETAIL ? "detail" : "details";
  }
}
