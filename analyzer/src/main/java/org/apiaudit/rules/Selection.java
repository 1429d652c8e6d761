package org.apiaudit.rules;

import java.util.List;

/**
 * A named search identifier of a Sigma {@code detection} block: a list of alternatives, each
 * a conjunction of field matches (a map is one alternative; a list of maps is several; a keyword
 * list is one alternative holding one keyword match).
 *
 * @param name the identifier as written ({@code selection}, {@code filter_main_status})
 * @param alternatives OR-ed alternatives, each AND-ed field matches
 */
public record Selection(String name, List<List<FieldMatch>> alternatives) {
  public Selection {
    alternatives = alternatives.stream().map(List::copyOf).toList();
  }
}
