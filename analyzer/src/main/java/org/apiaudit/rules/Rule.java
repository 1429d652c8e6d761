package org.apiaudit.rules;

/** A loaded rule: a Sigma detection rule or a (Sigma or extension) correlation rule. */
public sealed interface Rule permits DetectionRule, CorrelationRule {
  RuleMeta meta();

  default String id() {
    return meta().id();
  }
}
