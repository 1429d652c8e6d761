package org.apiaudit.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sample of leaked mobiles an investigator would receive: when an attack read records,
 * 60% are numbers it scraped and 40% numbers no attacker ever named; with no attack, all are
 * untouched. Untouched numbers are drawn from citizens no vaccinator or partner sees, so each
 * was accessed by its owner's own OTP session at most: the refuting case of detections.md.
 *
 * <p>The scraped part is drawn only from victims the window ties to their mobile ({@link
 * GroundTruth#traceableScraped}): read by a request naming the mobile, or a certificate whose
 * reference id the owner's own OTP session downloaded too. A certificate carries no mobile, so a
 * bot answering by mobile can only answer numbers whose pairing with a record exists, and an
 * investigator can only check a sample against what the logs show. Victims the window cannot
 * tie stay out (counted in {@code untraceableScraped}); when too few are traceable for 60%,
 * untouched numbers fill up.
 *
 * @param mobiles the sample, in file order
 * @param accessedByAttacker the sample's numbers an attacker named in some request, sorted
 * @param untraceableScraped scraped citizens left out because the window does not tie them
 */
record LeakSample(List<Long> mobiles, List<Long> accessedByAttacker, int untraceableScraped) {
  static final int SCRAPED_PERCENT = 60;

  static LeakSample draw(GroundTruth truth, Citizens citizens, SplittableRandom rng, int size) {
    List<Long> scraped = new ArrayList<>(truth.scrapedCitizens);
    Collections.sort(scraped);
    Collections.shuffle(scraped, new java.util.Random(rng.nextLong()));
    int allScraped = scraped.size();
    scraped.retainAll(truth.traceableScraped(citizens));
    int fromAttack = Math.min(scraped.size(), size * SCRAPED_PERCENT / 100);
    List<Long> chosen = new ArrayList<>(scraped.subList(0, fromAttack));
    Set<Long> used = new HashSet<>(chosen);
    int attempts = 0;
    while (chosen.size() < size && attempts++ < 100 * size + 10_000) {
      long citizen = citizens.randomCitizen(rng);
      if (!citizens.seenByThirdParties(citizen) && !truth.touchedCitizens.contains(citizen)
          && used.add(citizen)) {
        chosen.add(citizen);
      }
    }
    Collections.shuffle(chosen, new java.util.Random(rng.nextLong()));
    List<Long> mobiles = new ArrayList<>(chosen.size());
    List<Long> accessed = new ArrayList<>();
    for (long citizen : chosen) {
      long mobile = citizens.mobile(citizen);
      mobiles.add(mobile);
      if (truth.touchedCitizens.contains(citizen)) {
        accessed.add(mobile);
      }
    }
    Collections.sort(accessed);
    return new LeakSample(List.copyOf(mobiles), List.copyOf(accessed),
        allScraped - scraped.size());
  }
}
