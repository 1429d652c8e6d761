package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apiaudit.rules.CompiledQueries;
import org.apiaudit.rules.DetectionRule;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * {@link RegexpAutomata} builds the automaton of Lucene's own {@link RegExp#toAutomaton} (the same
 * language, no more states), for every expression the rule pack compiles and for random ones.
 */
class RegexpAutomataTest {
  private static Automaton lucenes(String regex, int syntax, boolean caseInsensitive) {
    return new RegExp(regex, syntax, caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0)
        .toAutomaton(RegexpQuery.DEFAULT_PROVIDER, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
  }

  private static void assertSameLanguage(String regex, int syntax, boolean caseInsensitive) {
    Automaton ours = FieldQueries.regexpAutomaton(regex, syntax, caseInsensitive);
    Automaton lucenes = lucenes(regex, syntax, caseInsensitive);
    assertTrue(ours.isDeterministic(), regex);
    assertTrue(Operations.sameLanguage(lucenes, ours), (caseInsensitive ? "(?i) " : "") + regex);
    assertTrue(ours.getNumStates() <= lucenes.getNumStates(), "no more states than Lucene's (" + lucenes.getNumStates()
        + "): " + ours.getNumStates() + " for " + regex);
  }

  /** Every regular expression the built-in pack's detection rules compile to. */
  private static List<FieldQueries.RegexpAutomatonQuery> packExpressions() {
    RuleSet rules = new RuleLoader().load(Path.of(System.getProperty("project.root", "..")).resolve("rules"));
    List<FieldQueries.RegexpAutomatonQuery> found = new ArrayList<>();
    QueryVisitor collect = new QueryVisitor() {
      @Override
      public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
        if (query instanceof FieldQueries.RegexpAutomatonQuery r) {
          found.add(r);
        }
      }

      @Override
      public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        return this;
      }
    };
    for (DetectionRule rule : rules.detections()) {
      CompiledQueries.of(rule).visit(collect);
    }
    return found;
  }

  @Test
  void everyExpressionOfTheRulePackMatchesWhatLuceneMatches() {
    List<FieldQueries.RegexpAutomatonQuery> expressions = packExpressions();
    assertTrue(expressions.size() > 40, "expressions in the pack: " + expressions.size());
    Set<String> seen = new LinkedHashSet<>();
    for (FieldQueries.RegexpAutomatonQuery q : expressions) {
      if (seen.add(q.caseInsensitive() + " " + q.regex())) {
        assertSameLanguage(q.regex(), q.syntaxFlags(), q.caseInsensitive());
      }
    }
  }

  @Test
  void randomExpressionsMatchWhatLuceneMatches() {
    Random random = new Random(20261207);
    String[] atoms = {"a", "B", "x", "/api", ".", ".*", "[a-c]", "[^0-9]", "\\.", "%2e", "é", "9", "(a|bc)", "<", "ab",
        "\\d", "\\w", "\\s", "<1-20>", "~a", "a&.*", "@", "#", "\"x\""};
    String[] repeats = {"", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}"};
    int compared = 0;
    for (int i = 0; i < 1_000; i++) {
      StringBuilder regex = new StringBuilder();
      int alternatives = 1 + random.nextInt(4);
      for (int alt = 0; alt < alternatives; alt++) {
        if (alt > 0) {
          regex.append('|');
        }
        regex.append('(');
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
          regex.append(atoms[random.nextInt(atoms.length)]).append(repeats[random.nextInt(repeats.length)]);
        }
        regex.append(')');
      }
      String r = random.nextBoolean() ? ".*(" + regex + ").*" : regex.toString();
      int syntax = random.nextBoolean() ? RegExp.ALL : RegExp.NONE;
      boolean caseInsensitive = random.nextBoolean();
      try {
        lucenes(r, syntax, caseInsensitive);
      } catch (IllegalArgumentException | TooComplexToDeterminizeException notAnExpression) {
        continue; // the pieces do not always make a valid expression for these flags
      }
      assertSameLanguage(r, syntax, caseInsensitive);
      compared++;
    }
    assertTrue(compared > 300, "expressions compared: " + compared);
  }

  @Test
  void anExpressionTooComplexToDeterminiseIsStillRefused() {
    assertThrows(TooComplexToDeterminizeException.class,
        () -> FieldQueries.regexpAutomaton("(.*a){30}.*b.{40}", RegExp.ALL, false));
    assertEquals(0, FieldQueries.regexpAutomaton("", RegExp.ALL, false).getNumTransitions());
  }
}
