/**
 * Sigma rules: YAML read into immutable rules ({@link org.apiaudit.rules.DetectionRule},
 * {@link org.apiaudit.rules.CorrelationRule}), conditions compiled once into Lucene queries
 * ({@link org.apiaudit.rules.QueryCompiler}), field names mapped onto the schema
 * ({@link org.apiaudit.rules.FieldMapping}) and checked by the linter.
 *
 * <p>Every error names the file, the rule id and the YAML key ({@link
 * org.apiaudit.rules.RuleError}). Uses {@code schema}, {@code index} (field queries) and the root
 * package; running rules is {@code detect}'s. Entry point: {@link org.apiaudit.rules.RuleLoader},
 * which gives a {@link org.apiaudit.rules.RuleSet}.
 */
package org.apiaudit.rules;
