package org.apiaudit.simulate;

/** How big an injected attack is: it picks the number of distinct subjects touched. */
public enum Intensity {
  LOW,
  MEDIUM,
  HIGH
}
