package org.apiaudit.canary;

import java.util.List;

/**
 * What a probes file yielded: the usable probes, in file order, and the rows that were not.
 *
 * @param file the probes file as given
 * @param probes usable probes
 * @param problems unusable rows, each with its line
 */
public record ProbeSet(String file, List<Probe> probes, List<ProbeProblem> problems) {
  public ProbeSet {
    probes = List.copyOf(probes);
    problems = List.copyOf(problems);
  }
}
