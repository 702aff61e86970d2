package io.atelier.preview.store;

/** What stands on the shop floor. */
public enum FixtureKind { RACK, TABLE, PODIUM, WINDOW_PLINTH, COUNTER }
