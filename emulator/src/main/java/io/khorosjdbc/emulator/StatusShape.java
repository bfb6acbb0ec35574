package io.khorosjdbc.emulator;

/**
 * The form of {@code result} in status responses. The docs show both: an object in the completed
 * example (and in the one known client), a one-element array in the running and failed examples.
 */
public enum StatusShape {
    OBJECT, ARRAY
}
