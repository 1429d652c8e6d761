package org.apiaudit.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.MinimizationOperations;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * A parsed regular expression as a minimal deterministic automaton, minimised once at the end.
 *
 * <p>Why not {@link RegExp#toAutomaton}: Lucene 9 minimises the automaton after every union,
 * concatenation, repetition and case-insensitive string while building it (Lucene 10 stopped
 * doing so), and on the rule pack's keyword lists ({@code .*((a)|(b)|...).*}, case-insensitive)
 * that repeated work was a second or two of every {@code detect}, whatever the size of the index.
 * Here the combinators are joined as they are, a case-insensitive character or string is a chain
 * of states, and the result is minimised once; the other leaves (classes, ranges, intervals,
 * complements, intersections) are still built by Lucene from the same parse. A minimal
 * deterministic automaton is unique, so the result has no more states than Lucene's
 * ({@code RegexpAutomataTest} compares every expression the rule pack compiles, and random ones):
 * without the final minimising it had twice the states, and the pack's compiled queries twice
 * the heap (268 MB instead of 126 MB).
 */
final class RegexpAutomata {
  private RegexpAutomata() {}

  /** The parsed expression as a minimal deterministic automaton. */
  static Automaton of(RegExp re, boolean caseInsensitive, int determinizeWorkLimit) {
    return MinimizationOperations.minimize(new RegexpAutomata.Builder(caseInsensitive, determinizeWorkLimit).build(re),
        determinizeWorkLimit);
  }

  /** One expression's conversion: its case mode (parsed into every node) and the work limit. */
  private record Builder(boolean caseInsensitive, int limit) {
    Automaton build(RegExp re) {
      switch (re.kind) {
        case REGEXP_UNION:
          return Operations.union(flatten(re, RegExp.Kind.REGEXP_UNION));
        case REGEXP_CONCATENATION:
          return Operations.concatenate(flatten(re, RegExp.Kind.REGEXP_CONCATENATION));
        case REGEXP_OPTIONAL:
          return Operations.optional(build(re.exp1));
        case REGEXP_REPEAT:
          return Operations.repeat(build(re.exp1));
        case REGEXP_REPEAT_MIN:
          return Operations.repeat(build(re.exp1), re.min);
        case REGEXP_REPEAT_MINMAX:
          return Operations.repeat(build(re.exp1), re.min, re.max);
        case REGEXP_STRING:
          return caseInsensitive ? anyCase(re.s.codePoints().toArray()) : Automata.makeString(re.s);
        case REGEXP_CHAR:
          return caseInsensitive ? anyCase(new int[] {re.c}) : Automata.makeChar(re.c);
        default:
          return re.toAutomaton(RegexpQuery.DEFAULT_PROVIDER, limit);
      }
    }

    /** The operands of a chain of one binary operator ({@code a|b|c} parses as nested pairs), in order. */
    private List<Automaton> flatten(RegExp re, RegExp.Kind kind) {
      List<Automaton> operands = new ArrayList<>();
      List<RegExp> pending = new ArrayList<>(List.of(re));
      while (!pending.isEmpty()) {
        RegExp next = pending.remove(pending.size() - 1);
        if (next.kind == kind) {
          pending.add(next.exp2);
          pending.add(next.exp1);
        } else {
          operands.add(build(next));
        }
      }
      return operands;
    }
  }

  /**
   * The code points in sequence, each ASCII letter in either case: what Lucene's
   * {@link RegExp#ASCII_CASE_INSENSITIVE} matches (its rule: code points up to 128 get their
   * other case), as one chain of states.
   */
  private static Automaton anyCase(int[] codePoints) {
    Automaton a = new Automaton();
    int state = a.createState();
    for (int cp : codePoints) {
      int next = a.createState();
      a.addTransition(state, next, cp);
      int other = cp > 128 ? cp : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
      if (other != cp) {
        a.addTransition(state, next, other);
      }
      state = next;
    }
    a.setAccept(state, true);
    a.finishState();
    return a;
  }
}
